package io.securewatch.console.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;

/**
 * Settings of the console's page. Server push lets views update statuses and drill timelines as they change,
 * without a reload. Long polling needs nothing beyond plain HTTP between browser, proxies and console.
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.LONG_POLLING)
public class ConsoleShell implements AppShellConfigurator {}
