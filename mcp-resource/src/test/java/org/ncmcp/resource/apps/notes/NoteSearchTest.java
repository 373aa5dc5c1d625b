package org.ncmcp.resource.apps.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteSearchTest {

    private static Note note(long id, String title, String category, String content, long modified) {
        return new Note(id, "e" + id, false, modified, title, category, content, false);
    }

    private final List<Note> notes = List.of(
            note(1, "Groceries", "", "milk, eggs, budget coffee", 100),
            note(2, "Budget meeting", "Work", "Q3 numbers", 50),
            note(3, "Random", "Work", "the meeting about the budget was long", 200),
            note(4, "Holiday", "Private", "beach", 300));

    @Test
    void titlePhraseRanksAboveMentionsInContent() {
        List<NoteSearch.Hit> hits = NoteSearch.rank(notes, "budget meeting");
        assertThat(hits).extracting(hit -> hit.note().id()).containsExactly(2L, 3L);
    }

    @Test
    void everyWordMustOccurSomewhere() {
        assertThat(NoteSearch.rank(notes, "budget beach")).isEmpty();
    }

    @Test
    void searchIsCaseInsensitiveAndMatchesCategories() {
        assertThat(NoteSearch.rank(notes, "WORK")).extracting(hit -> hit.note().id()).containsExactlyInAnyOrder(2L, 3L);
    }

    @Test
    void equalScoresPutTheMostRecentlyModifiedFirst() {
        List<Note> twins = List.of(note(1, "a", "", "x", 10), note(2, "b", "", "x", 20));
        assertThat(NoteSearch.rank(twins, "x")).extracting(hit -> hit.note().id()).containsExactly(2L, 1L);
    }

    @Test
    void blankQueryFindsNothing() {
        assertThat(NoteSearch.rank(notes, "   ")).isEmpty();
    }
}
