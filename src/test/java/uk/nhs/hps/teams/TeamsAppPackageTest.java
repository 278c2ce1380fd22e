package uk.nhs.hps.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.hps.conversation.Router;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Teams app package as the build fills it: the Maven build fills bot-manifest/manifest.json
 * into target/teams-app in process-resources (see bot-manifest/package.xml), and zips that folder in
 * package, so these are the files that ship.
 */
@MicronautTest(environments = "dev")
@Property(name = "datasources.default.url",
        value = "jdbc:h2:mem:manifest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
class TeamsAppPackageTest {

    static final Path APP_DIR = Path.of("target", "teams-app");
    static final String SCHEMA = "/teams-manifest/MicrosoftTeams.schema.json";
    static final String GUID = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode manifest;
    private static JsonNode schemaJson;
    private static JsonSchema schema;

    @Inject
    Router router;

    @BeforeAll
    static void load() throws IOException {
        Path manifestFile = APP_DIR.resolve("manifest.json");
        assertThat(manifestFile)
                .as("the Maven build fills the manifest in process-resources; run the test through ./mvnw")
                .exists();
        manifest = JSON.readTree(manifestFile.toFile());
        try (InputStream in = TeamsAppPackageTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(in).as(SCHEMA).isNotNull();
            schemaJson = JSON.readTree(in);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaJson)).getSchema(schemaJson);
    }

    @Test
    void manifestValidatesAgainstOfficialSchema() {
        Set<ValidationMessage> errors = schema.validate(manifest);

        assertThat(errors).extracting(ValidationMessage::getMessage).isEmpty();
    }

    @Test
    void fullDescriptionNamesSponsorsAsTheFaqDoes() throws IOException {
        String faq = "The participants line managers or other identified sponsors";
        Path seed = Path.of("../shared/seeds/001_78c3395f1a78f094.txt");
        if (Files.isRegularFile(seed)) {
            assertThat(String.join(" ", Files.readString(seed).split("\\s+"))).contains(faq);
        }

        assertThat(manifest.path("description").path("full").asText()).contains("line managers or other identified sponsors");
    }

    @Test
    void schemaValidationCatchesABrokenManifest() {
        ObjectNode broken = manifest.deepCopy();
        ((ObjectNode) broken.get("name")).put("short", "HPS Companion for the NHS High Potential Scheme");
        broken.remove("developer");
        ((ObjectNode) broken.get("bots").get(0)).put("botId", "not-a-guid");

        assertThat(schema.validate(broken)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("name.short"))
                .anySatisfy(message -> assertThat(message).contains("developer"))
                .anySatisfy(message -> assertThat(message).contains("botId"));
    }

    @Test
    void manifestDeclaresTheSchemaVersionItIsCheckedAgainst() {
        String version = manifest.get("manifestVersion").asText();

        assertThat(schemaJson.at("/properties/manifestVersion/const").asText()).isEqualTo(version);
        assertThat(manifest.get("$schema").asText())
                .isEqualTo("https://developer.microsoft.com/json-schemas/teams/v" + version + "/MicrosoftTeams.schema.json");
        assertThat(version).matches("1\\.(19|[2-9][0-9])");
    }

    @Test
    void appAndBotShareOneFilledInGuid() throws IOException {
        String id = manifest.get("id").asText();

        assertThat(id).matches(GUID);
        assertThat(manifest.at("/bots/0/botId").asText()).isEqualTo(id);
        assertThat(Files.readString(APP_DIR.resolve("manifest.json"))).doesNotContain("${");
    }

    @Test
    void requiredFieldsArePresent() {
        assertThat(manifest.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(manifest.at("/developer/name").asText()).isNotBlank();
        for (String url : List.of("websiteUrl", "privacyUrl", "termsOfUseUrl")) {
            assertThat(manifest.at("/developer/" + url).asText()).as(url).startsWith("https://");
        }
        assertThat(manifest.at("/name/short").asText()).isEqualTo("HPS Companion");
        assertThat(manifest.at("/icons/color").asText()).isEqualTo("color.png");
        assertThat(manifest.at("/icons/outline").asText()).isEqualTo("outline.png");
        assertThat(manifest.get("accentColor").asText()).isEqualToIgnoringCase("#005EB8");
        assertThat(manifest.get("validDomains")).hasSize(1);
        assertThat(manifest.at("/validDomains/0").asText()).isNotBlank().doesNotContain("://");
    }

    @Test
    void theConsoleIsAPersonalStaticTabAtTheTabSignInPage() {
        String domain = manifest.at("/validDomains/0").asText();

        assertThat(manifest.get("staticTabs")).hasSize(1);
        JsonNode tab = manifest.at("/staticTabs/0");
        assertThat(tab.get("name").asText()).isEqualTo("Console");
        assertThat(texts(tab.get("scopes"))).containsExactly("personal");
        assertThat(tab.get("contentUrl").asText()).isEqualTo("https://" + domain + "/console/tab");
        assertThat(tab.get("websiteUrl").asText()).isEqualTo("https://" + domain + "/console");
    }

    @Test
    void webApplicationInfoNamesTheAppRegistrationAndItsApiOnTheTabsDomain() {
        String domain = manifest.at("/validDomains/0").asText();
        String id = manifest.at("/webApplicationInfo/id").asText();

        assertThat(id).matches(GUID);
        // Teams single sign-on asks for this resource; its host must be the tab's
        assertThat(manifest.at("/webApplicationInfo/resource").asText()).isEqualTo("api://" + domain + "/" + id);
    }

    @Test
    void schemaValidationCatchesABrokenTabAndSingleSignOn() {
        ObjectNode broken = manifest.deepCopy();
        ((ObjectNode) broken.get("webApplicationInfo")).put("id", "not-a-guid");
        ((ObjectNode) broken.at("/staticTabs/0")).remove("entityId");

        assertThat(schema.validate(broken)).extracting(ValidationMessage::getMessage)
                .anySatisfy(message -> assertThat(message).contains("webApplicationInfo.id"))
                .anySatisfy(message -> assertThat(message).contains("entityId"));
    }

    @Test
    void namesAndDescriptionsFitTeamsLengthLimits() {
        assertThat(manifest.at("/name/short").asText()).hasSizeLessThanOrEqualTo(30);
        assertThat(manifest.at("/name/full").asText()).hasSizeLessThanOrEqualTo(100);
        assertThat(manifest.at("/description/short").asText()).isNotBlank().hasSizeLessThanOrEqualTo(80);
        assertThat(manifest.at("/description/full").asText()).isNotBlank().hasSizeLessThanOrEqualTo(4000);
    }

    @Test
    void botChatsOneToOneAndAcceptsFiles() {
        JsonNode bot = manifest.at("/bots/0");

        assertThat(texts(bot.get("scopes"))).containsExactly("personal");
        assertThat(bot.get("supportsFiles").asBoolean()).isTrue();
        assertThat(bot.get("commandLists")).hasSize(1);
        assertThat(texts(bot.at("/commandLists/0/scopes"))).containsExactly("personal");
    }

    @Test
    void everyListedCommandIsOneTheBotHandles() {
        List<String> titles = commandTitles();

        assertThat(titles).contains("help").doesNotHaveDuplicates();
        assertThat(router.knownCommands())
                .as("manifest commands must be ones a CommandHandler answers (Router.knownCommands)")
                .containsAll(titles);
        for (JsonNode command : manifest.at("/bots/0/commandLists/0/commands")) {
            assertThat(command.get("description").asText()).as(command.get("title").asText()).isNotBlank();
        }
    }

    @Test
    void colorIconIs192PixelsSquare() throws IOException {
        BufferedImage color = icon("color");

        assertThat(color.getWidth()).isEqualTo(192);
        assertThat(color.getHeight()).isEqualTo(192);
    }

    @Test
    void outlineIconIsWhiteOnTransparent() throws IOException {
        BufferedImage outline = icon("outline");

        assertThat(outline.getWidth()).isEqualTo(32);
        assertThat(outline.getHeight()).isEqualTo(32);
        assertThat(outline.getColorModel().hasAlpha()).as("outline.png has an alpha channel").isTrue();
        List<String> wrong = new ArrayList<>();
        int white = 0;
        for (int y = 0; y < outline.getHeight(); y++) {
            for (int x = 0; x < outline.getWidth(); x++) {
                int argb = outline.getRGB(x, y);
                int alpha = argb >>> 24;
                if (argb == 0xFFFFFFFF) {
                    white++;
                } else if (alpha != 0) {
                    wrong.add(String.format("(%d,%d)=#%08X", x, y, argb));
                }
            }
        }
        assertThat(wrong).as("pixels neither opaque white nor fully transparent").isEmpty();
        assertThat(white).as("white pixels").isPositive();
    }

    private List<String> commandTitles() {
        List<String> titles = new ArrayList<>();
        for (JsonNode list : manifest.at("/bots/0/commandLists")) {
            list.get("commands").forEach(command -> titles.add(command.get("title").asText()));
        }
        return titles;
    }

    private static BufferedImage icon(String kind) throws IOException {
        Path file = APP_DIR.resolve(manifest.at("/icons/" + kind).asText());
        assertThat(file).exists();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " is a readable PNG").isNotNull();
        return image;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
