package io.securewatch.console.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;

/** The frame of every signed-in view: navigation, the signed-in user and sign-out. */
public class MainLayout extends AppLayout implements BeforeEnterObserver {

    final Span user = new Span();

    public MainLayout() {
        H1 title = new H1("SecureWatch");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Button signOut = new Button("Sign out", click -> {
            SignedIn.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        });
        HorizontalLayout bar = new HorizontalLayout(title, user, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(user);
        bar.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Overview", OverviewView.class));
        nav.addItem(new SideNavItem("Regions and clusters", ClustersView.class));
        nav.addItem(new SideNavItem("Tenants", TenantsView.class));
        nav.addItem(new SideNavItem("Workloads", WorkloadsView.class));
        nav.addItem(new SideNavItem("Services", ServicesView.class));
        nav.addItem(new SideNavItem("Drills", DrillsView.class));
        nav.addItem(new SideNavItem("Audit log", AuditView.class));
        addToDrawer(nav);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        SignedIn.credentials()
                .ifPresentOrElse(
                        credentials -> user.setText("Signed in as " + credentials.user()),
                        () -> event.forwardTo(LoginView.class));
    }
}
