package uk.nhs.hps.console;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sessions in the database ({@code console_session}): the cookie holds 256 random bits, the table only
 * their SHA-256, so every instance shares the sessions and sign-out ends one everywhere at once. Each session has
 * its own CSRF token for the forms it renders.
 */
@Singleton
public class ConsoleSessions {

    /** How a session was opened: the browser's Entra ID sign-in, the dev sign-in, or Teams single sign-on in the tab. */
    public enum Via { ENTRA, DEV, TEAMS }

    /** A live session: who, the CSRF token its forms carry, and how it was opened. */
    public record Session(long personId, String csrfToken, Via via) {
    }

    /** A new session: the cookie value (shown once, never stored) and the session. */
    public record Opened(String cookieValue, Session session) {
    }

    /** last_seen_at is written at most this often, so browsing is not a write per page. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TransactionOperations<Connection> transactions;
    private final ConsoleSettings settings;
    private final Clock clock;

    ConsoleSessions(TransactionOperations<Connection> transactions, ConsoleSettings settings, Clock clock) {
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    Opened open(long personId, Via via) {
        String cookie = randomToken();
        String csrf = randomToken();
        Instant now = clock.instant();
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM console_session WHERE expires_at < ?");
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO console_session (token_hash, person_id, csrf_token, signed_in_with, created_at,
                                                      last_seen_at, expires_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                purge.setObject(1, utc(now));
                purge.executeUpdate();
                insert.setString(1, hash(cookie));
                insert.setLong(2, personId);
                insert.setString(3, csrf);
                insert.setString(4, via.name());
                insert.setObject(5, utc(now));
                insert.setObject(6, utc(now));
                insert.setObject(7, utc(now.plus(settings.sessionLength())));
                insert.executeUpdate();
            }
            return null;
        });
        return new Opened(cookie, new Session(personId, csrf, via));
    }

    /** The live session the cookie names; an expired or idle one is ended and not returned. */
    Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        String key = hash(cookieValue);
        Instant now = clock.instant();
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT person_id, csrf_token, signed_in_with, last_seen_at, expires_at
                    FROM console_session WHERE token_hash = ?""")) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Session>empty();
                    }
                    Instant lastSeen = rs.getObject(4, OffsetDateTime.class).toInstant();
                    Instant expires = rs.getObject(5, OffsetDateTime.class).toInstant();
                    Session session = new Session(rs.getLong(1), rs.getString(2), Via.valueOf(rs.getString(3)));
                    if (!now.isBefore(expires) || !now.isBefore(lastSeen.plus(settings.idleTimeout()))) {
                        delete(c, key);
                        return Optional.<Session>empty();
                    }
                    if (!now.isBefore(lastSeen.plus(TOUCH_EVERY))) {
                        try (PreparedStatement touch = c.prepareStatement(
                                "UPDATE console_session SET last_seen_at = ? WHERE token_hash = ?")) {
                            touch.setObject(1, utc(now));
                            touch.setString(2, key);
                            touch.executeUpdate();
                        }
                    }
                    return Optional.of(session);
                }
            }
        });
    }

    void end(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        transactions.executeWrite(status -> {
            delete(status.getConnection(), hash(cookieValue));
            return null;
        });
    }

    private static void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM console_session WHERE token_hash = ?")) {
            d.setString(1, key);
            d.executeUpdate();
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
