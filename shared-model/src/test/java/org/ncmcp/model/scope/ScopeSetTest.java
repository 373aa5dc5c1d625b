package org.ncmcp.model.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeSetTest {

    @Test
    void catalogueHasReadAndWriteForEveryApp() {
        assertThat(Scope.validValues()).containsExactly(
                "notes:read", "notes:write", "calendar:read", "calendar:write", "todo:read", "todo:write",
                "contacts:read", "contacts:write", "files:read", "files:write", "deck:read", "deck:write",
                "tables:read", "tables:write", "cookbook:read", "cookbook:write", "sharing:read", "sharing:write");
    }

    @Test
    void parsesSpaceSeparatedScopesToleratingRepeatedSpaces() {
        ScopeSet set = ScopeSet.parse("  notes:write   calendar:read ");
        assertThat(set.asSet()).containsExactly(Scope.write(NextcloudApp.NOTES), Scope.read(NextcloudApp.CALENDAR));
        assertThat(set.format()).isEqualTo("notes:write calendar:read");
    }

    @Test
    void aTokensScopeClaimKeepsOurScopesAndSkipsOthersWhateverTheWhitespace() {
        ScopeSet set = ScopeSet.ofKnown(" openid\tnotes:write  offline_access\nfiles:read mail:read ");
        assertThat(set.asSet()).containsExactly(Scope.write(NextcloudApp.NOTES), Scope.read(NextcloudApp.FILES));
        assertThat(ScopeSet.ofKnown(null).isEmpty()).isTrue();
        assertThat(ScopeSet.ofKnown(" \t ").isEmpty()).isTrue();
        assertThat(ScopeSet.ofKnown("notes:read").asSet()).containsExactly(Scope.read(NextcloudApp.NOTES));
    }

    @Test
    void aTabIsNotAScopeSeparatorInRequests() {
        // RFC 6749 §3.3: scope tokens are separated by spaces (%x20) only
        assertThatThrownBy(() -> ScopeSet.parse("notes:read\tfiles:read")).isInstanceOf(UnknownScopeException.class);
    }

    @Test
    void blankOrNullScopeStringIsEmpty() {
        assertThat(ScopeSet.parse(null).isEmpty()).isTrue();
        assertThat(ScopeSet.parse("   ").isEmpty()).isTrue();
    }

    @Test
    void writeScopeImpliesReadScopeOfTheSameAppOnly() {
        ScopeSet set = ScopeSet.parse("notes:write");
        assertThat(set.grants(Scope.read(NextcloudApp.NOTES))).isTrue();
        assertThat(set.grants(Scope.write(NextcloudApp.NOTES))).isTrue();
        assertThat(set.grants(Scope.read(NextcloudApp.DECK))).isFalse();
    }

    @Test
    void readScopeDoesNotImplyWriteScope() {
        assertThat(ScopeSet.parse("files:read").grants(Scope.write(NextcloudApp.FILES))).isFalse();
    }

    @Test
    void unknownScopesAreReportedTogetherWithTheValidOnes() {
        assertThatThrownBy(() -> ScopeSet.parse("notes:read mail:read notes:admin"))
                .isInstanceOfSatisfying(UnknownScopeException.class, e -> {
                    assertThat(e.unknown()).containsExactly("mail:read", "notes:admin");
                    assertThat(e.valid()).contains("notes:read", "sharing:write");
                })
                .hasMessageContaining("'mail:read', 'notes:admin'")
                .hasMessageContaining("Valid scopes are: notes:read notes:write");
    }

    @Test
    void malformedTokensAreUnknownScopes() {
        for (String token : new String[] {"notes", "notes:", ":read", "notes:read:extra", "NOTES:READ"}) {
            assertThatThrownBy(() -> ScopeSet.parse(token)).isInstanceOf(UnknownScopeException.class);
        }
    }

    @Test
    void missingListsOnlyScopesNotImplied() {
        ScopeSet held = ScopeSet.parse("notes:write deck:read");
        ScopeSet missing = held.missing(ScopeSet.parse("notes:read deck:write files:read").asSet());
        assertThat(missing.format()).isEqualTo("files:read deck:write");
    }

    @Test
    void intersectionLimitsTokenScopesToWhatTheUserGranted() {
        ScopeSet token = ScopeSet.parse("notes:write calendar:write");
        ScopeSet granted = ScopeSet.parse("notes:read calendar:write deck:write");
        assertThat(token.intersect(granted).format()).isEqualTo("notes:read calendar:read calendar:write");
    }

    @Test
    void expandedAddsImpliedReadScopes() {
        assertThat(ScopeSet.parse("tables:write").expanded().format()).isEqualTo("tables:read tables:write");
    }

    @Test
    void equalSetsAreEqualWhateverTheOrderGiven() {
        assertThat(ScopeSet.parse("deck:read notes:read")).isEqualTo(ScopeSet.parse("notes:read deck:read"));
        assertThat(ScopeSet.all().size()).isEqualTo(18);
    }
}
