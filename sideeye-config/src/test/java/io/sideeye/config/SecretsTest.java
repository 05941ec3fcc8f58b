package io.sideeye.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void namesEndingLikeACredentialAreSecretWhateverTheValue() {
        for (String name : new String[] {"DB_PASS", "MYSQL_PWD", "API_KEY", "AWS_SECRET", "GITHUB_TOKEN", "SENTRY_DSN",
                "db_pass", "SIDEEYE_SECRET_KEY", "DB_PASSWORD", "SMTP_PASSWD", "GCP_CREDENTIALS"}) {
            assertThat(Secrets.looksSecret(name, "x")).as(name).isTrue();
        }
    }

    @Test
    void urlsCarryingAPasswordAreSecretWhateverTheName() {
        assertThat(Secrets.looksSecret("DATABASE_URL", "postgres://app:hunter2@db:5432/app")).isTrue();
        assertThat(Secrets.looksSecret("REDIS_URL", "redis://:s3cret@cache:6379/0")).isTrue();
        assertThat(Secrets.looksSecret("BROKER", "amqp://guest:guest@rabbit//")).isTrue();
        assertThat(Secrets.looksSecret("CACHE", "rediss://default:pw@redis.example.com:6380")).isTrue();
    }

    @Test
    void plainSettingsAndUrlsWithoutAPasswordAreNotSecret() {
        assertThat(Secrets.looksSecret("DATABASE_URL", "postgres://db:5432/app")).isFalse();
        assertThat(Secrets.looksSecret("REDIS_URL", "redis://cache:6379/0")).isFalse();
        assertThat(Secrets.looksSecret("HOMEPAGE", "https://user@example.com/")).isFalse();
        assertThat(Secrets.looksSecret("SIDEEYE_DATA_DIR", "/var/lib/sideeye")).isFalse();
        assertThat(Secrets.looksSecret("GREETING", "hello: world@home")).isFalse();
        assertThat(Secrets.looksSecret("DJANGO_SETTINGS_MODULE", "app.settings")).isFalse();
    }
}
