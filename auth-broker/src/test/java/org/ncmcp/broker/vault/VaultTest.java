package org.ncmcp.broker.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultTest {

    private static final String K1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String K2 = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    @TempDir
    Path data;

    @Test
    @DisplayName("Sealed under the active key, named in the result; opens only with the same associated data")
    void associatedDataBindsTheSecretToItsRow() {
        Vault vault = new Vault(new VaultProperties(Map.of("k1", K1, "k2", K2), "k2"), data);
        String aliceRow = Vault.bind("nextcloud_credential", "alice", "login-flow-v2", "secret");
        Vault.Sealed sealed = vault.seal("alice-app-password", aliceRow);
        assertThat(sealed.keyId()).isEqualTo("k2");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("alice-app-password");
        assertThat(vault.open(sealed, aliceRow)).isEqualTo("alice-app-password");
        // copied onto bob's row, or read as another kind: does not open
        assertThatThrownBy(() -> vault.open(sealed, Vault.bind("nextcloud_credential", "bob", "login-flow-v2", "secret")))
                .isInstanceOf(AesGcm.DecryptionFailedException.class);
        assertThatThrownBy(() -> vault.open(sealed, Vault.bind("nextcloud_credential", "alice", "oauth-refresh", "secret")))
                .isInstanceOf(AesGcm.DecryptionFailedException.class);
        // two seals of one secret differ (random nonce)
        assertThat(vault.seal("alice-app-password", aliceRow).ciphertext()).isNotEqualTo(sealed.ciphertext());
    }

    @Test
    @DisplayName("A value sealed under a key that is no longer configured names the missing key")
    void missingKeyIsNamed() {
        Vault old = new Vault(new VaultProperties(Map.of("k1", K1), null), data);
        Vault.Sealed sealed = old.seal("secret", "aad");
        Vault rotated = new Vault(new VaultProperties(Map.of("k2", K2), null), data);
        assertThatThrownBy(() -> rotated.open(sealed, "aad")).hasMessageContaining("'k1' is not configured");
    }

    @Test
    @DisplayName("Configuration mistakes stop start-up with the setting's name")
    void configurationChecks() {
        assertThatThrownBy(() -> new Vault(new VaultProperties(Map.of("k1", K1, "k2", K2), null), data))
                .hasMessageContaining("broker.vault.active-key must name one of");
        assertThatThrownBy(() -> new Vault(new VaultProperties(Map.of("k1", K1), "k9"), data))
                .hasMessageContaining("'k9' is not one of");
        assertThatThrownBy(() -> new Vault(new VaultProperties(Map.of("k1", "c2hvcnQ="), null), data))
                .hasMessageContaining("broker.vault.keys.k1 must be 32 bytes");
        assertThatThrownBy(() -> new Vault(new VaultProperties(Map.of("bad id!", K1), null), data))
                .hasMessageContaining("Vault key id 'bad id!'");
    }

    @Test
    @DisplayName("Without configured keys one is generated into the data folder and reused after a restart")
    void generatedKeySurvivesRestart() {
        Vault first = new Vault(new VaultProperties(Map.of(), null), data);
        Vault.Sealed sealed = first.seal("kept", "aad");
        Vault second = new Vault(new VaultProperties(Map.of(), null), data);
        assertThat(second.activeKeyId()).isEqualTo(Vault.GENERATED_KEY_ID);
        assertThat(second.open(sealed, "aad")).isEqualTo("kept");
    }
}
