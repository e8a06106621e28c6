package io.securewatch.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Refreshes a component every interval while it is attached to a browser page, and pushes the change to the
 * browser. The refresh runs under the page's lock, as every change to components must.
 */
final class LiveRefresh {

    private static final Logger LOG = Logger.getLogger(LiveRefresh.class);
    /** Refreshes call the API while they hold their page's lock, so a few threads keep one slow page from delaying all. */
    private static final int THREADS = 4;

    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "console-live-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private LiveRefresh() {}

    /**
     * Runs the refresh every interval from the moment the component is attached until it is detached.
     *
     * @return a registration that stops the refresh and its attach listeners
     */
    static Registration every(Duration interval, Component component, Runnable refresh) {
        ScheduledFuture<?>[] scheduled = new ScheduledFuture<?>[1];
        Registration attach = component.addAttachListener(event -> {
            cancel(scheduled);
            UI ui = event.getUI();
            scheduled[0] = TIMER.scheduleWithFixedDelay(
                    () -> push(ui, refresh), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        });
        Registration detach = component.addDetachListener(event -> cancel(scheduled));
        if (component.isAttached()) {
            UI ui = component.getUI().orElseThrow();
            scheduled[0] = TIMER.scheduleWithFixedDelay(
                    () -> push(ui, refresh), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return () -> {
            cancel(scheduled);
            attach.remove();
            detach.remove();
        };
    }

    private static void push(UI ui, Runnable refresh) {
        try {
            ui.access(refresh::run);
        } catch (com.vaadin.flow.component.UIDetachedException e) {
            LOG.debug("Live refresh skipped: page closed");
        } catch (RuntimeException e) {
            LOG.warnf(e, "Live refresh failed: ui=%d", ui.getUIId());
        }
    }

    private static void cancel(ScheduledFuture<?>[] scheduled) {
        if (scheduled[0] != null) {
            scheduled[0].cancel(false);
            scheduled[0] = null;
        }
    }
}
