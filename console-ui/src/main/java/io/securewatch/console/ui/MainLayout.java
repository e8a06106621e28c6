package io.securewatch.console.ui;

import com.vaadin.flow.component.Component;
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
import java.util.ArrayList;
import java.util.List;

/** The frame of every signed-in view: navigation, the signed-in user and sign-out. */
public class MainLayout extends AppLayout implements BeforeEnterObserver {

    final Span user = new Span();

    public MainLayout() {
        H1 title = new H1("SecureWatch");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        Button signOut = new Button("Sign out", click -> {
            // With OIDC the provider's session ends too (quarkus-oidc's logout path), or the next page signs in again.
            String next = SignedIn.accessToken().isPresent() ? "logout" : "login";
            SignedIn.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation(next));
        });
        HorizontalLayout bar = new HorizontalLayout(title, user, signOut);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(user);
        bar.getStyle().set("padding", "0 var(--lumo-space-m)");
        addToNavbar(new DrawerToggle(), bar);

        SideNav nav = new SideNav();
        views(SignedIn.isTenantAdmin()).forEach(view -> nav.addItem(new SideNavItem(view.label(), view.view())));
        addToDrawer(nav);
    }

    /** One entry of the navigation. */
    record NavEntry(String label, Class<? extends Component> view) {}

    /**
     * Returns the navigation for the user. A tenant admin manages its own tenant, and the API refuses it clusters
     * and drills, so those entries are left out.
     */
    static List<NavEntry> views(boolean tenantAdmin) {
        List<NavEntry> entries = new ArrayList<>();
        entries.add(new NavEntry("Overview", OverviewView.class));
        if (!tenantAdmin) {
            entries.add(new NavEntry("Regions and clusters", ClustersView.class));
        }
        entries.add(new NavEntry(tenantAdmin ? "Tenant" : "Tenants", TenantsView.class));
        entries.add(new NavEntry("Workloads", WorkloadsView.class));
        entries.add(new NavEntry("Services", ServicesView.class));
        if (!tenantAdmin) {
            entries.add(new NavEntry("Drills", DrillsView.class));
        }
        entries.add(new NavEntry("Audit log", AuditView.class));
        return entries;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (SignedIn.credentials().isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        user.setText("Signed in as " + SignedIn.require().user());
        if (SignedIn.isTenantAdmin() && PLATFORM_VIEWS.contains(event.getNavigationTarget())) {
            // The API refuses these to a tenant admin; its overview shows what it may see instead.
            event.forwardTo(OverviewView.class);
        }
    }

    /** Views of the platform as a whole, which a tenant admin cannot use. */
    static final List<Class<?>> PLATFORM_VIEWS = List.of(ClustersView.class, DrillsView.class, DrillReportView.class);
}
