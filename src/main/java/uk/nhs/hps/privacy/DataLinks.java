package uk.nhs.hps.privacy;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Short-lived signed links to a person's own data export: {@code <personId>.<expiry>.<HMAC>}. Anyone
 * holding the link can use it until it expires (15 minutes by default), so it is only ever sent to the
 * person themself in their 1:1 chat.
 */
@Singleton
public class DataLinks {

    private static final Logger LOG = LoggerFactory.getLogger(DataLinks.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A link and when it stops working. */
    public record Link(String url, Instant expiresAt) {
    }

    /** What a link issued to someone who has since left the scheme answers. */
    public static final String NO_LONGER_VALID = "This link no longer works because your place on the High Potential"
            + " Scheme has ended. Please contact the programme team if you need a copy of your data.";

    /** Why a token was not honoured. */
    public enum Refusal { INVALID, EXPIRED }

    private final PrivacySettings settings;
    private final Clock clock;
    private final byte[] key;

    DataLinks(PrivacySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (settings.linkSecret() != null && settings.linkSecret().length() >= 32) {
            this.key = settings.linkSecret().getBytes(StandardCharsets.UTF_8);
        } else {
            if (settings.linkSecret() != null && !settings.linkSecret().isBlank()) {
                throw new IllegalStateException("PRIVACY_LINK_SECRET must be at least 32 characters");
            }
            LOG.warn("No PRIVACY_LINK_SECRET set: data links are signed with a per-process key and stop working on restart");
            this.key = new byte[32];
            new SecureRandom().nextBytes(this.key);
        }
    }

    /** The purpose of the "my data" links; other features name their own, so a token only opens what it was for. */
    public static final String MY_DATA = "my-data";

    public Link issue(long personId) {
        return issue(personId, MY_DATA, "/privacy/my-data/");
    }

    /**
     * A link for another download of the person's own data: {@code path} (e.g. "/reflection/export/") is
     * followed by the token, and the token is signed for {@code purpose}, so it opens nothing else.
     */
    public Link issue(long personId, String purpose, String path) {
        Instant expires = clock.instant().plus(settings.linkValidity());
        String payload = personId + "." + expires.getEpochSecond();
        String token = payload + "." + B64.encodeToString(sign(signed(purpose, payload)));
        return new Link(settings.publicBaseUrl() + path + token, expires);
    }

    /** The person id a "my data" token is for, or the refusal. */
    public Result check(String token) {
        return check(token, MY_DATA);
    }

    /** The person id the token is for, or the refusal; a token issued for another purpose is invalid. */
    public Result check(String token, String purpose) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return Result.refused(Refusal.INVALID);
        }
        try {
            String payload = parts[0] + "." + parts[1];
            byte[] given = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(given, sign(signed(purpose, payload)))) {
                return Result.refused(Refusal.INVALID);
            }
            if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
                return Result.refused(Refusal.EXPIRED);
            }
            return new Result(OptionalLong.of(Long.parseLong(parts[0])), null);
        } catch (IllegalArgumentException e) {
            return Result.refused(Refusal.INVALID);
        }
    }

    public record Result(OptionalLong personId, Refusal refusal) {
        static Result refused(Refusal why) {
            return new Result(OptionalLong.empty(), why);
        }
    }

    /** "my data" tokens sign the bare payload (as they always have); other purposes are bound into the signature. */
    private static String signed(String purpose, String payload) {
        return MY_DATA.equals(purpose) ? payload : purpose + "|" + payload;
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
