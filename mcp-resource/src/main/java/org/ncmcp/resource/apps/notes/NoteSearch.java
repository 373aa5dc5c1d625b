package org.ncmcp.resource.apps.notes;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Ranks notes against a free-text query. Every word of the query must occur in the title, category or
 * content; a word in the title counts most, and the whole query as a phrase in the title most of all,
 * so "meeting notes" finds the note titled so before notes that merely mention both words.
 */
final class NoteSearch {

    private static final int PHRASE_IN_TITLE = 10;
    private static final int WORD_IN_TITLE = 4;
    private static final int WORD_IN_CATEGORY = 2;
    private static final int WORD_IN_CONTENT = 1;
    private static final int MAX_CONTENT_HITS_PER_WORD = 3;

    record Hit(Note note, int score) {
    }

    private NoteSearch() {
    }

    static List<Hit> rank(List<Note> notes, String query) {
        String phrase = normalise(query);
        List<String> words = Arrays.stream(phrase.split("\\s+")).filter(w -> !w.isEmpty()).distinct().toList();
        if (words.isEmpty()) {
            return List.of();
        }
        return notes.stream()
                .map(note -> new Hit(note, score(note, phrase, words)))
                .filter(hit -> hit.score() > 0)
                .sorted(Comparator.comparingInt(Hit::score).reversed()
                        .thenComparing(hit -> hit.note().modified() == null ? 0L : hit.note().modified(),
                                Comparator.reverseOrder()))
                .toList();
    }

    private static int score(Note note, String phrase, List<String> words) {
        String title = normalise(note.title());
        String category = normalise(note.category());
        String content = normalise(note.content());
        int score = title.contains(phrase) ? PHRASE_IN_TITLE : 0;
        for (String word : words) {
            int wordScore = 0;
            if (title.contains(word)) {
                wordScore += WORD_IN_TITLE;
            }
            if (category.contains(word)) {
                wordScore += WORD_IN_CATEGORY;
            }
            wordScore += WORD_IN_CONTENT * Math.min(MAX_CONTENT_HITS_PER_WORD, occurrences(content, word));
            if (wordScore == 0) {
                return 0;
            }
            score += wordScore;
        }
        return score;
    }

    private static int occurrences(String text, String word) {
        int count = 0;
        for (int at = text.indexOf(word); at >= 0 && count < MAX_CONTENT_HITS_PER_WORD; at = text.indexOf(word, at + 1)) {
            count++;
        }
        return count;
    }

    private static String normalise(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).trim();
    }
}
