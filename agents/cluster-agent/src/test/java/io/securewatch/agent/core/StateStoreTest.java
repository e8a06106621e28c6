package io.securewatch.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path directory;

    @Test
    void appliedStateSurvivesRestart() {
        AppliedState state = new AppliedState(
                7, "abc", List.of(new DesiredObject(new ObjectKey("v1", "Namespace", "", "tenant-a"), "{}", "h")));
        new StateStore(directory).saveApplied(state);

        assertThat(new StateStore(directory).loadApplied()).isEqualTo(state);
    }

    @Test
    void missingStateIsEmpty() {
        assertThat(new StateStore(directory).loadApplied()).isEqualTo(AppliedState.EMPTY);
        assertThat(new StateStore(directory).loadCredential()).isEmpty();
    }

    @Test
    void credentialIsReadableByOwnerOnly() throws IOException {
        StateStore store = new StateStore(directory);

        store.saveCredential("swa_0123456789abcdef_secret");

        assertThat(store.loadCredential()).contains("swa_0123456789abcdef_secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.credentialFile())))
                .isEqualTo("rw-------");
        assertThat(directory.resolve("credential.tmp")).doesNotExist();
    }
}
