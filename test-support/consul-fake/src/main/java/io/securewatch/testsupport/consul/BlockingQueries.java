package io.securewatch.testsupport.consul;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Serves reads that may block, as the Consul HTTP API documentation, "Blocking Queries", describes: a read with an
 * {@code index} above 0 returns as soon as its result's index exceeds that value, or when its wait runs out.
 *
 * <p>A waiting request occupies no thread: it is an entry in a set and a Vert.x timer. After every write the waiting
 * reads run again, and those whose index moved past their {@code index} respond. After an index reset every waiting
 * read responds at once with its new, lower index, as Consul's abandoned watches do after a snapshot restore.
 */
final class BlockingQueries implements Datacenter.Listener {

    private static final Logger LOG = Logger.getLogger(BlockingQueries.class);

    private final Vertx vertx;
    private final Datacenter datacenter;
    private final RandomGenerator random;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    BlockingQueries(Vertx vertx, Datacenter datacenter, RandomGenerator random) {
        this.vertx = vertx;
        this.datacenter = datacenter;
        this.random = random;
        datacenter.addListener(this);
    }

    /** Sends the read's result now, or parks the read until its index moves or its wait runs out. */
    void serve(Call call, BlockingRead read) {
        QueryOptions options = read.options();
        if (!options.blocking()) {
            call.send(datacenter.read(read.read()), options);
            return;
        }

        Duration wait = options.effectiveWait(random);
        Waiter waiter = new Waiter(call, read);
        waiter.timerId = vertx.setTimer(Math.max(1, wait.toMillis()), id -> waiter.finish(null));
        call.request().response().closeHandler(closed -> waiter.abandon());

        // Reading and parking under the datacenter lock means no write can slip in between unseen.
        QueryResult immediate = datacenter.read(state -> {
            QueryResult result = read.read().apply(state);
            if (!options.isSatisfiedBy(result.index())) {
                waiters.add(waiter);
                return null;
            }
            return result;
        });
        if (immediate != null) {
            waiter.finish(immediate);
        } else if (waiter.done.get()) {
            // The timer or a closed connection finished the waiter before it was parked.
            waiters.remove(waiter);
        } else {
            LOG.debugf(
                    "Blocking query parked path=%s index=%s waitMillis=%d",
                    call.path(), Long.toUnsignedString(options.minIndex()), wait.toMillis());
        }
    }

    /** Returns the number of reads now waiting. */
    int waitingCount() {
        return waiters.size();
    }

    @Override
    public void changed() {
        for (Waiter waiter : List.copyOf(waiters)) {
            QueryResult result = datacenter.read(waiter.read.read());
            if (waiter.read.options().isSatisfiedBy(result.index())) {
                waiter.finish(result);
            }
        }
    }

    @Override
    public void indexReset() {
        for (Waiter waiter : List.copyOf(waiters)) {
            waiter.finish(null);
        }
    }

    /** Drops every waiting read without a response, for when the listener closes and takes the connections. */
    void dropAll() {
        List<Waiter> dropped = new ArrayList<>(waiters);
        dropped.forEach(Waiter::abandon);
        if (!dropped.isEmpty()) {
            LOG.debugf("Blocking queries dropped count=%d", dropped.size());
        }
    }

    private final class Waiter {
        private final Call call;
        private final BlockingRead read;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile long timerId = -1;

        Waiter(Call call, BlockingRead read) {
            this.call = call;
            this.read = read;
        }

        /** Responds once, with the given result or, when null, with a fresh read of the current state. */
        void finish(QueryResult result) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            waiters.remove(this);
            vertx.cancelTimer(timerId);
            QueryResult answer = result != null ? result : datacenter.read(read.read());
            call.send(answer, read.options());
        }

        /** Forgets the read without responding, because its connection is gone. */
        void abandon() {
            if (done.compareAndSet(false, true)) {
                waiters.remove(this);
                vertx.cancelTimer(timerId);
            }
        }
    }
}
