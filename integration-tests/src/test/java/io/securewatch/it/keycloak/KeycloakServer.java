package io.securewatch.it.keycloak;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real Keycloak server distribution (from Maven Central, in development mode on a loopback port), started once
 * per test JVM and stopped by PID when the JVM ends. It serves a realm {@code securewatch} with the SecureWatch
 * roles, the console's OIDC client with the group and tenant claim mappers, and these users, each with the password
 * {@link #PASSWORD}: {@code alice} (platform-admin), {@code olga} (operator through her group
 * {@code /securewatch/operators}, with no realm role) and {@code bob} (tenant-admin of {@code acme}). The realm
 * has organizations enabled, and the client {@link #PROVISIONER_CLIENT} whose service account manages the realm, as
 * the control plane's tenant provisioning needs it.
 */
public final class KeycloakServer {

    public static final String REALM = "securewatch";
    public static final String CONSOLE_CLIENT = "securewatch-console";
    public static final String PROVISIONER_CLIENT = "securewatch-provisioner";
    public static final String PASSWORD = "Test-Password-1";
    public static final String TENANT_CLAIM = "securewatch_tenant";

    /** Lifetime of the realm's access tokens, short so that tests see them renewed. */
    public static final int ACCESS_TOKEN_SECONDS = 90;

    private static KeycloakServer shared;

    /** The client secret of the console, made per run. */
    public final String consoleSecret = randomSecret();

    /** The client secret of the provisioner, made per run. */
    public final String provisionerSecret = randomSecret();

    private final int port;
    private final String adminPassword = randomSecret();
    private final Path home;
    private final Path log;
    private Process process;

    private KeycloakServer(Path home, Path log) throws IOException {
        this.port = freePort();
        this.home = home;
        this.log = log;
        // A fresh database each run: the bootstrap admin's password is made per run, and the realm is made anew.
        deleteRecursively(home.resolve("data"));
        this.process = launch();
    }

    /** Starts the server process on this server's port, with the data of earlier starts in this run. */
    private Process launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return builder.start();
    }

    /**
     * Stops the server, as an outage would, and leaves it stopped until {@link #restart}. Tests that stop it must
     * restart it before they end, since the server is shared by the test JVM.
     */
    public synchronized void stopForOutage() {
        stop();
    }

    /** Starts the server again after {@link #stopForOutage}, on the same port and with the same realm. */
    public synchronized void restart() throws IOException {
        if (process.isAlive()) {
            return;
        }
        process = launch();
        awaitReady();
    }

    /** Returns Keycloak's base URL, the server URL of admin clients. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Returns the server of this test JVM, starting it and setting up the realm on first use. */
    public static synchronized KeycloakServer shared() throws IOException {
        if (shared == null) {
            Path logs = Path.of("target", "it-logs");
            Files.createDirectories(logs);
            KeycloakServer server = new KeycloakServer(unpack(), logs.resolve("keycloak.log"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
            server.awaitReady();
            server.createRealm();
            shared = server;
        }
        return shared;
    }

    /** Returns the issuer URL of the realm, which is also quarkus-oidc's {@code auth-server-url}. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    /** Returns an access token for the user from the console's client, by the password grant. */
    public String accessToken(String user) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", CONSOLE_CLIENT)
                .formParam("client_secret", consoleSecret)
                .formParam("username", user)
                .formParam("password", PASSWORD)
                .formParam("scope", "openid")
                .post(issuer() + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "Keycloak exited with " + process.exitValue() + "; see target/it-logs/keycloak.log");
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create(baseUrl()
                                                                + "/realms/master/.well-known/openid-configuration"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** Creates the realm through the admin REST API. */
    private void createRealm() {
        admin().body(Map.of(
                        "realm",
                        REALM,
                        "enabled",
                        true,
                        "accessTokenLifespan",
                        ACCESS_TOKEN_SECONDS,
                        "organizationsEnabled",
                        true))
                .post("/admin/realms")
                .then()
                .statusCode(201);

        // Keycloak keeps only attributes its user profile declares, and the tenant attribute is not one of them.
        Map<String, Object> profile = admin().get(realm("/users/profile"))
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        profile.put("unmanagedAttributePolicy", "ENABLED");
        admin().body(profile).put(realm("/users/profile")).then().statusCode(200);

        for (String role : List.of("platform-admin", "operator", "tenant-admin", "viewer")) {
            admin().body(Map.of("name", role)).post(realm("/roles")).then().statusCode(201);
        }
        createConsoleClient();
        createProvisionerClient();

        String securewatch = created(admin().body(Map.of("name", "securewatch")).post(realm("/groups")));
        String operators =
                created(admin().body(Map.of("name", "operators")).post(realm("/groups/" + securewatch + "/children")));

        createUser("alice", "platform-admin", null);
        String olga = createUser("olga", null, null);
        admin().put(realm("/users/" + olga + "/groups/" + operators)).then().statusCode(204);
        createUser("bob", "tenant-admin", "acme");
    }

    /** Creates the console's confidential client, which puts the user's groups and tenant in its access tokens. */
    private void createConsoleClient() {
        admin().body(Map.of(
                        "clientId",
                        CONSOLE_CLIENT,
                        "secret",
                        consoleSecret,
                        "publicClient",
                        false,
                        "standardFlowEnabled",
                        true,
                        "directAccessGrantsEnabled",
                        true,
                        "redirectUris",
                        List.of("http://127.0.0.1:*"),
                        "attributes",
                        Map.of("post.logout.redirect.uris", "http://127.0.0.1:*"),
                        "protocolMappers",
                        List.of(
                                Map.of(
                                        "name",
                                        "groups",
                                        "protocol",
                                        "openid-connect",
                                        "protocolMapper",
                                        "oidc-group-membership-mapper",
                                        "config",
                                        Map.of(
                                                "claim.name",
                                                "groups",
                                                "full.path",
                                                "true",
                                                "access.token.claim",
                                                "true",
                                                "id.token.claim",
                                                "false",
                                                "userinfo.token.claim",
                                                "false")),
                                Map.of(
                                        "name",
                                        "tenant",
                                        "protocol",
                                        "openid-connect",
                                        "protocolMapper",
                                        "oidc-usermodel-attribute-mapper",
                                        "config",
                                        Map.of(
                                                "user.attribute",
                                                TENANT_CLAIM,
                                                "claim.name",
                                                TENANT_CLAIM,
                                                "jsonType.label",
                                                "String",
                                                "access.token.claim",
                                                "true",
                                                "id.token.claim",
                                                "false",
                                                "userinfo.token.claim",
                                                "false")))))
                .post(realm("/clients"))
                .then()
                .statusCode(201);
    }

    /**
     * Creates the confidential client whose service account manages the realm's organizations, users and clients,
     * as the control plane's identity step calls for.
     */
    private void createProvisionerClient() {
        String client = created(admin().body(Map.of(
                        "clientId",
                        PROVISIONER_CLIENT,
                        "secret",
                        provisionerSecret,
                        "publicClient",
                        false,
                        "standardFlowEnabled",
                        false,
                        "serviceAccountsEnabled",
                        true))
                .post(realm("/clients")));
        String account = admin().get(realm("/clients/" + client + "/service-account-user"))
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        String management = admin().queryParam("clientId", "realm-management")
                .get(realm("/clients"))
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        List<Map<String, Object>> roles = new java.util.ArrayList<>();
        for (String role : List.of("manage-realm", "manage-users", "manage-clients", "view-realm")) {
            roles.add(admin().get(realm("/clients/" + management + "/roles/" + role))
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(Map.class));
        }
        admin().body(roles)
                .post(realm("/users/" + account + "/role-mappings/clients/" + management))
                .then()
                .statusCode(204);
    }

    /** Returns a request to the realm's admin REST API as the bootstrap administrator, at a path below the realm. */
    public RequestSpecification adminOfRealm() {
        return admin().basePath("/admin/realms/" + REALM);
    }

    /** Returns the id of the object a create request made, from its {@code Location} header. */
    private static String created(io.restassured.response.Response response) {
        String location = response.then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Creates a user with the test password, and returns its id.
     *
     * @param role a realm role to assign, or null for a user whose roles come from groups
     */
    private String createUser(String name, String role, String tenant) {
        Map<String, Object> user = new java.util.HashMap<>(Map.of(
                "username",
                name,
                "enabled",
                true,
                "email",
                name + "@example.test",
                "emailVerified",
                true,
                "firstName",
                name,
                "lastName",
                "Tester",
                "credentials",
                List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        if (tenant != null) {
            user.put("attributes", Map.of(TENANT_CLAIM, List.of(tenant)));
        }
        String id = created(admin().body(user).post(realm("/users")));
        if (role == null) {
            return id;
        }
        Map<String, Object> roleRepresentation = admin().get(realm("/roles/" + role))
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        admin().body(List.of(roleRepresentation))
                .post(realm("/users/" + id + "/role-mappings/realm"))
                .then()
                .statusCode(204);
        return id;
    }

    private RequestSpecification admin() {
        String token = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", adminPassword)
                .post(baseUrl() + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        return given().baseUri(baseUrl()).contentType(ContentType.JSON).auth().oauth2(token);
    }

    private static String realm(String path) {
        return "/admin/realms/" + REALM + path;
    }

    private void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Unpacks the distribution from the local Maven repository into {@code target}, once per build. */
    private static Path unpack() throws IOException {
        String version = System.getProperty("keycloak.version", "26.7.3");
        Path home = Path.of("target", "keycloak-" + version).toAbsolutePath();
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        String zip = System.getProperty("keycloak.zip");
        if (zip == null || !Files.isRegularFile(Path.of(zip))) {
            throw new IllegalStateException("the Keycloak zip is missing (system property keycloak.zip = " + zip
                    + "); run the tests through Maven, which resolves org.keycloak:keycloak-quarkus-dist");
        }
        Path target = home.getParent();
        try (InputStream in = Files.newInputStream(Path.of(zip));
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(entries, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.setPosixFilePermissions(home.resolve("bin/kc.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
