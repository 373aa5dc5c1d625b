package org.ncmcp.e2e.simulator.notes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ncmcp.e2e.simulator.files.FileTree;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimFile;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Notes API v1 (nextcloud-api.md §1.2; nextcloud/notes {@code docs/api/v1.md},
 * {@code NotesApiController}, {@code Helper}), quirks on purpose: POST answers 200, DELETE answers
 * {@code []}, a stale {@code If-Match} answers 412 with the current note as the body, errors are
 * {@code {"errorType":"Exception"}}, and the last chunk of a chunked listing appends {@code {id}} stubs.
 * Notes are files {@code Notes/<category>/<title>.md} in the user's tree (the same files WebDAV serves when sabre/dav
 * is attached); the note id is the file id, the category the sub-folder and the title the file name.
 */
public final class NotesApi {

    private static final String PREFIX = "(?:/index\\.php)?/apps/notes/api/v1";
    static final String ROOT = "Notes";
    static final String SUFFIX = ".md";
    private static final String ERROR = "{\"errorType\":\"Exception\"}";

    private final SimulatorState state;
    private final JsonMapper json;

    public NotesApi(SimulatorState state, JsonMapper json) {
        this.state = state;
        this.json = json;
    }

    public void register(Router router) {
        router.on("GET", PREFIX + "/notes", this::list)
                .on("POST", PREFIX + "/notes", this::create)
                .on("GET", PREFIX + "/notes/([^/]+)", this::get)
                .on("PUT", PREFIX + "/notes/([^/]+)", this::update)
                .on("DELETE", PREFIX + "/notes/([^/]+)", this::delete)
                .on("GET", PREFIX + "/attachment/([^/]+)", this::attachment)
                .on("GET", PREFIX + "/settings", this::settings)
                .on("PUT", PREFIX + "/settings", this::settings);
    }

    // --- handlers --------------------------------------------------------------------------------

    private void list(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        String userId = caller.get().user().userId();
        String category = exchange.query("category");
        Set<String> exclude = excludeSet(exchange.query("exclude"));
        long pruneBefore = parseLong(exchange.query("pruneBefore"), 0);
        int chunkSize = (int) parseLong(exchange.query("chunkSize"), 0);
        int offset = (int) decodeCursor(exchange.query("chunkCursor"));

        List<SimFile> all = notesOf(userId).stream()
                .filter(file -> category == null || NoteView.category(file).equals(category))
                .toList();
        List<SimFile> full = all.stream().filter(file -> file.modifiedEpochSecond() >= pruneBefore).toList();
        int end = chunkSize > 0 ? Math.min(full.size(), offset + chunkSize) : full.size();
        List<Object> body = new ArrayList<>();
        List<SimFile> chunk = full.subList(Math.min(offset, full.size()), end);
        chunk.forEach(file -> body.add(NoteView.of(file, exclude)));
        boolean last = end >= full.size();
        if (last && (chunkSize > 0 || pruneBefore > 0)) {
            // The last chunk lists every other note as an {id} stub, so clients can detect deletions.
            for (SimFile file : all) {
                if (!chunk.contains(file)) {
                    body.add(Map.of("id", file.id()));
                }
            }
        } else if (!last) {
            exchange.setHeader("X-Notes-Chunk-Cursor", encodeCursor(end));
            exchange.setHeader("X-Notes-Chunk-Pending", String.valueOf(full.size() - end));
        }
        String payload = json.writeValueAsString(body);
        String etag = "\"" + md5(payload) + "\"";
        exchange.setHeader("ETag", etag);
        if (etag.equals(exchange.header("If-None-Match"))) {
            exchange.send(304, null, null);
            return;
        }
        exchange.sendJson(200, payload);
    }

    private void get(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        Optional<SimFile> note = noteOf(caller.get(), exchange.pathGroup(1));
        if (note.isEmpty()) {
            error(exchange, 404);
            return;
        }
        Map<String, Object> view = NoteView.of(note.get(), excludeSet(exchange.query("exclude")));
        exchange.setHeader("ETag", "\"" + NoteView.etag(note.get()) + "\"");
        exchange.sendJson(200, json.writeValueAsString(view));
    }

    private void create(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = jsonBody(exchange);
        if (body.isEmpty()) {
            error(exchange, 400);
            return;
        }
        String content = body.get().path("content").asString("");
        if (content.getBytes(StandardCharsets.UTF_8).length > state.maxNoteBytes()) {
            error(exchange, 507);
            return;
        }
        String userId = caller.get().user().userId();
        String category = sanitiseCategory(body.get().path("category").asString(""));
        String title = sanitiseTitle(body.get().path("title").asString(""), content);
        SimFile file;
        synchronized (state.notesLock()) {
            file = state.createFile(userId, uniquePath(userId, category, title, -1), content.getBytes(StandardCharsets.UTF_8),
                    "text/markdown");
            if (body.get().path("favorite").asBoolean(false)) {
                file = state.setFlags(file.id(), true, false);
            }
        }
        // Notes answers a create with 200, not 201 (nextcloud-api.md §1.2).
        exchange.sendJson(200, json.writeValueAsString(NoteView.of(file, Set.of())));
    }

    private void update(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = jsonBody(exchange);
        if (body.isEmpty()) {
            error(exchange, 400);
            return;
        }
        synchronized (state.notesLock()) {
            Optional<SimFile> found = noteOf(caller.get(), exchange.pathGroup(1));
            if (found.isEmpty()) {
                error(exchange, 404);
                return;
            }
            SimFile note = found.get();
            String ifMatch = exchange.header("If-Match");
            if (ifMatch != null && !etagMatches(ifMatch, NoteView.etag(note))) {
                // 412 with the current note as the body, so the client can merge (NotesApiController::update).
                exchange.sendJson(412, json.writeValueAsString(NoteView.of(note, Set.of())));
                return;
            }
            if (note.readonly()) {
                error(exchange, 403);
                return;
            }
            JsonNode changes = body.get();
            if (changes.has("content")) {
                String content = changes.path("content").asString("");
                if (content.getBytes(StandardCharsets.UTF_8).length > state.maxNoteBytes()) {
                    error(exchange, 507);
                    return;
                }
                note = state.writeFile(note.id(), content.getBytes(StandardCharsets.UTF_8));
            }
            if (changes.has("title") || changes.has("category")) {
                String category = changes.has("category")
                        ? sanitiseCategory(changes.path("category").asString("")) : NoteView.category(note);
                String title = changes.has("title")
                        ? sanitiseTitle(changes.path("title").asString(""), NoteView.content(note)) : NoteView.title(note);
                String path = uniquePath(note.userId(), category, title, note.id());
                if (!path.equals(note.path())) {
                    moveAttachments(note, path);
                    String oldFolder = note.parent();
                    note = state.moveFile(note.id(), path);
                    deleteEmptyCategoryFolders(note.userId(), oldFolder);
                }
            }
            if (changes.has("favorite")) {
                note = state.setFlags(note.id(), changes.path("favorite").asBoolean(false), note.readonly());
            }
            exchange.setHeader("ETag", "\"" + NoteView.etag(note) + "\"");
            exchange.sendJson(200, json.writeValueAsString(NoteView.of(note, Set.of())));
        }
    }

    private void delete(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        synchronized (state.notesLock()) {
            Optional<SimFile> note = noteOf(caller.get(), exchange.pathGroup(1));
            if (note.isEmpty()) {
                error(exchange, 404);
                return;
            }
            if (note.get().readonly()) {
                error(exchange, 403);
                return;
            }
            state.deleteFile(note.get().id());
            deleteEmptyCategoryFolders(note.get().userId(), note.get().parent());
        }
        // DELETE answers 200 with an empty JSON array.
        exchange.sendJson(200, "[]");
    }

    /** Notes API 1.4: an attachment by the path the note's Markdown uses, relative to the note's folder. */
    private void attachment(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        Optional<SimFile> note = noteOf(caller.get(), exchange.pathGroup(1));
        String relative = exchange.query("path");
        if (note.isEmpty() || relative == null || relative.isBlank() || relative.contains("..")) {
            error(exchange, 404);
            return;
        }
        String folder = note.get().parent();
        String path = (folder.isEmpty() ? "" : folder + "/") + relative.replaceFirst("^/+", "");
        Optional<SimFile> file = state.fileByPath(note.get().userId(), path);
        if (file.isEmpty()) {
            error(exchange, 404);
            return;
        }
        exchange.send(200, file.get().contentType(), file.get().content());
    }

    private void settings(SimExchange exchange) throws IOException {
        if (authenticate(exchange).isEmpty()) {
            return;
        }
        exchange.sendJson(200, "{\"notesPath\":\"Notes\",\"fileSuffix\":\".md\",\"noteMode\":\"rich\"}");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Optional<Caller> authenticate(SimExchange exchange) throws IOException {
        exchange.setHeader("X-Notes-API-Versions", "0.2, 1.x");
        Optional<Caller> caller = state.authenticateHeader(exchange.header("Authorization"));
        if (caller.isEmpty()) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"Nextcloud\"");
            exchange.sendJson(401, "{\"message\":\"Current user is not logged in\"}");
        }
        return caller;
    }

    private static void error(SimExchange exchange, int status) throws IOException {
        exchange.sendJson(status, ERROR);
    }

    private List<SimFile> notesOf(String userId) {
        return state.filesUnder(userId, ROOT).stream().filter(NotesApi::isNote).toList();
    }

    private Optional<SimFile> noteOf(Caller caller, String rawId) {
        long id = parseLong(rawId, -1);
        return state.file(id).filter(file -> file.userId().equals(caller.user().userId())).filter(NotesApi::isNote);
    }

    static boolean isNote(SimFile file) {
        return file.path().startsWith(ROOT + "/") && file.path().endsWith(SUFFIX) && !file.path().contains("/.attachments.");
    }

    private void moveAttachments(SimFile note, String newNotePath) {
        String newFolder = newNotePath.contains("/") ? newNotePath.substring(0, newNotePath.lastIndexOf('/')) : "";
        String attachments = ".attachments." + note.id();
        if (!newFolder.equals(note.parent())) {
            state.files().node(note.userId(), note.parent() + "/" + attachments)
                    .ifPresent(folder -> state.files().move(folder.id(), newFolder + "/" + attachments));
        }
    }

    /** Like Notes' {@code NoteUtil::deleteEmptyFolder}: a category folder left empty goes, up to the notes folder. */
    private void deleteEmptyCategoryFolders(String userId, String folder) {
        String current = folder;
        while (current.startsWith(ROOT + "/")) {
            Optional<FileTree.Node> node = state.files().node(userId, current);
            if (node.isEmpty() || !state.files().under(userId, current).isEmpty()) {
                return;
            }
            state.files().delete(node.get().id());
            current = current.substring(0, current.lastIndexOf('/'));
        }
    }

    /** "title.md", or "title (2).md" … when the name is taken in that category (Notes de-duplicates). */
    private String uniquePath(String userId, String category, String title, long ownId) {
        String folder = category.isEmpty() ? ROOT : ROOT + "/" + category;
        for (int n = 1; ; n++) {
            String name = n == 1 ? title : title + " (" + n + ")";
            String path = folder + "/" + name + SUFFIX;
            Optional<SimFile> taken = state.fileByPath(userId, path);
            if (taken.isEmpty() || taken.get().id() == ownId) {
                return path;
            }
        }
    }

    /** Characters a file name may not hold are removed; an empty title comes from the content's first line. */
    static String sanitiseTitle(String title, String content) {
        String cleaned = title.replaceAll("[*|/\\\\:\"<>?\\p{Cntrl}]", "").trim();
        if (cleaned.isEmpty()) {
            String firstLine = content.strip().lines().findFirst().orElse("").replaceAll("^#+\\s*", "");
            cleaned = firstLine.replaceAll("[*|/\\\\:\"<>?\\p{Cntrl}]", "").trim();
        }
        if (cleaned.isEmpty()) {
            cleaned = "New note";
        }
        return cleaned.length() > 100 ? cleaned.substring(0, 100).trim() : cleaned;
    }

    static String sanitiseCategory(String category) {
        StringBuilder result = new StringBuilder();
        for (String part : category.split("/")) {
            String cleaned = part.replaceAll("[*|\\\\:\"<>?\\p{Cntrl}]", "").trim();
            if (!cleaned.isEmpty() && !cleaned.equals(".") && !cleaned.equals("..")) {
                result.append(result.length() == 0 ? "" : "/").append(cleaned);
            }
        }
        return result.toString();
    }

    private Optional<JsonNode> jsonBody(SimExchange exchange) throws IOException {
        try {
            JsonNode node = json.readTree(exchange.body());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException malformed) {
            return Optional.empty();
        }
    }

    /** {@code If-Match} may be a quoted etag or a comma list of them. */
    private static boolean etagMatches(String ifMatch, String etag) {
        for (String candidate : ifMatch.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || value.replace("\"", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> excludeSet(String exclude) {
        return exclude == null || exclude.isBlank() ? Set.of() : Set.of(exclude.split(","));
    }

    private static long parseLong(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException malformed) {
            return fallback;
        }
    }

    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return decoded.startsWith("offset:") ? Long.parseLong(decoded.substring(7)) : 0;
        } catch (IllegalArgumentException malformed) {
            return 0;
        }
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The JSON shape of a note (nextcloud-api.md §1.2: id, etag, readonly, modified, title, category, content, favorite). */
    static final class NoteView {

        private NoteView() {
        }

        static Map<String, Object> of(SimFile file, Set<String> exclude) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("id", file.id());
            putUnlessExcluded(note, exclude, "etag", etag(file));
            putUnlessExcluded(note, exclude, "readonly", file.readonly());
            putUnlessExcluded(note, exclude, "modified", file.modifiedEpochSecond());
            putUnlessExcluded(note, exclude, "title", title(file));
            putUnlessExcluded(note, exclude, "category", category(file));
            putUnlessExcluded(note, exclude, "content", content(file));
            putUnlessExcluded(note, exclude, "favorite", file.favorite());
            return note;
        }

        private static void putUnlessExcluded(Map<String, Object> note, Set<String> exclude, String key, Object value) {
            if (!exclude.contains(key)) {
                note.put(key, value);
            }
        }

        static String title(SimFile file) {
            String name = file.name();
            return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        }

        static String category(SimFile file) {
            String parent = file.parent();
            return parent.equals(ROOT) ? "" : parent.substring(ROOT.length() + 1);
        }

        static String content(SimFile file) {
            return new String(file.content(), StandardCharsets.UTF_8);
        }

        /** Like Notes: a hash over everything a client sees, so any change gives a new etag. */
        static String etag(SimFile file) {
            return md5(file.id() + "\n" + file.modifiedEpochSecond() + "\n" + file.favorite() + "\n" + file.path()
                    + "\n" + content(file));
        }
    }
}
