package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainLayoutTest {

    @Test
    void platformUserSeesEveryView() {
        // when / then
        assertThat(MainLayout.views(false))
                .extracting(MainLayout.NavEntry::label)
                .containsExactly(
                        "Overview", "Regions and clusters", "Tenants", "Workloads", "Services", "Drills", "Audit log");
    }

    @Test
    void tenantAdminSeesNoPlatformViews() {
        // when / then
        assertThat(MainLayout.views(true))
                .extracting(MainLayout.NavEntry::label)
                .containsExactly("Overview", "Tenant", "Workloads", "Services", "Audit log");
    }
}
