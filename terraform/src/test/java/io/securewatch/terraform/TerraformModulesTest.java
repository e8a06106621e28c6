package io.securewatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Terraform command line on the modules in this folder. The core module has no provider, so {@code terraform
 * init} and {@code terraform test} run offline; the modules that use the helm and kubernetes providers are only
 * checked for formatting, because their providers cannot be downloaded here.
 */
class TerraformModulesTest {

    private static final Path MODULES = Path.of("modules");

    @Test
    void everyModuleIsCanonicallyFormatted() throws Exception {
        // when
        Result fmt = terraform(Path.of("."), "fmt", "-check", "-recursive", "-diff", "-no-color");

        // then
        assertThat(fmt.exitCode())
                .as("terraform fmt -check -recursive found unformatted files:%n%s", fmt.output())
                .isZero();
    }

    @Test
    void coreModuleTestsPass() throws Exception {
        // given
        Path core = MODULES.resolve("core");
        Result init = terraform(core, "init", "-backend=false", "-input=false", "-no-color");
        assertThat(init.exitCode())
                .as("terraform init failed:%n%s", init.output())
                .isZero();

        // when
        Result test = terraform(core, "test", "-no-color");

        // then
        assertThat(test.exitCode())
                .as("terraform test failed:%n%s", test.output())
                .isZero();
        assertThat(test.output()).contains(" passed, 0 failed");
    }

    private record Result(int exitCode, String output) {}

    private static Result terraform(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("terraform", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // No version check against HashiCorp's servers, and output meant for automation.
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        builder.environment().put("TF_IN_AUTOMATION", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "terraform is not on the PATH; install Terraform 1.9 or later to run these checks", e);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("terraform " + String.join(" ", arguments) + " timed out");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Result(process.exitValue(), text);
    }
}
