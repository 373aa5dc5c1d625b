package org.ncmcp.e2e.simulator.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.e2e.simulator.files.FileTree;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.ocs.OcsEnvelope;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimFile;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.state.SimulatorUser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OCS share API of {@code files_sharing} (nextcloud-api.md §1.9; server
 * {@code apps/files_sharing/lib/Controller/ShareAPIController.php}), v1 and v2: shares of user, group, link and
 * email type over the shared file tree, with Nextcloud's answers: ids as strings, a file share never keeps
 * create/delete (31 becomes 19), a link defaults to read, failures as OCS 404/403/400 (v1: HTTP 200 with the code in
 * the body), a bad or past expiry date as 404, and a recipient may read but not edit an incoming share.
 */
public final class SharesApi {

    private static final String PREFIX = "/ocs/(v1|v2)\\.php/apps/files_sharing/api/v1/shares";
    private static final int READ = 1;
    private static final int CREATE = 4;
    private static final int DELETE = 8;
    private static final int ALL = 31;
    /** Every simulated user is in this one group, as OCS {@code cloud/user} reports. */
    private static final String EVERYONE_GROUP = "users";

    private final SimulatorState state;
    private final ShareState shares;
    private final OcsEnvelope envelope;
    private final JsonMapper json;

    public SharesApi(SimulatorState state, ShareState shares, OcsEnvelope envelope, JsonMapper json) {
        this.state = state;
        this.shares = shares;
        this.envelope = envelope;
        this.json = json;
    }

    /** Must be registered before the OCS catch-all routes of {@code OcsApi}. */
    public void register(Router router) {
        router.on("GET", PREFIX, this::list)
                .on("POST", PREFIX, this::create)
                .on("GET", PREFIX + "/([^/]+)", this::get)
                .on("PUT", PREFIX + "/([^/]+)", this::update)
                .on("DELETE", PREFIX + "/([^/]+)", this::delete);
    }

    private record Item(long id, String path, boolean folder, SimFile file) {
    }

    private static boolean v2(SimExchange exchange) {
        return "v2".equals(exchange.pathGroup(1));
    }

    private Optional<Caller> authenticate(SimExchange exchange) throws IOException {
        Optional<Caller> caller = state.authenticateHeader(exchange.header("Authorization"));
        if (caller.isEmpty() || !"true".equalsIgnoreCase(exchange.header("OCS-APIRequest"))) {
            envelope.failure(exchange, v2(exchange), 997, "Current user is not logged in");
            return Optional.empty();
        }
        return caller;
    }

    private void list(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        Map<String, String> params = params(exchange);
        String me = caller.get().user().userId();
        boolean sharedWithMe = "true".equals(params.get("shared_with_me"));
        String path = params.get("path");
        List<Map<String, Object>> result = new ArrayList<>();
        if (sharedWithMe) {
            for (Share share : live()) {
                if (isRecipient(share, me) && (path == null || ("/" + nameOf(currentPath(share))).equals(normalise(path)))) {
                    result.add(format(exchange, share, me));
                }
            }
            envelope.ok(exchange, v2(exchange), result);
            return;
        }
        Item item = null;
        if (path != null) {
            Optional<Item> found = item(me, path);
            if (found.isEmpty()) {
                envelope.failure(exchange, v2(exchange), 404, "Wrong path, file/folder does not exist");
                return;
            }
            item = found.get();
        }
        boolean subfiles = "true".equals(params.get("subfiles"));
        if (subfiles && (item == null || !item.folder())) {
            envelope.failure(exchange, v2(exchange), 400, "Not a directory");
            return;
        }
        // reshares=true would add others' reshares of the caller's files; recipients cannot reshare here, so the
        // answer is the caller's own shares either way.
        for (Share share : live()) {
            if (!share.owner().equals(me)) {
                continue;
            }
            if (item != null && (subfiles ? !isChild(currentPath(share), item.path()) : share.itemId() != item.id())) {
                continue;
            }
            result.add(format(exchange, share, me));
        }
        envelope.ok(exchange, v2(exchange), result);
    }

    private void get(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        String me = caller.get().user().userId();
        Optional<Share> share = visibleShare(exchange.pathGroup(2), me);
        if (share.isEmpty()) {
            envelope.failure(exchange, v2(exchange), 404, "Wrong share ID, share does not exist");
            return;
        }
        envelope.ok(exchange, v2(exchange), List.of(format(exchange, share.get(), me)));
    }

    private void create(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        boolean v2 = v2(exchange);
        Map<String, String> params = params(exchange);
        String me = caller.get().user().userId();
        String path = params.get("path");
        if (path == null || path.isBlank()) {
            envelope.failure(exchange, v2, 404, "Please specify a file or folder path");
            return;
        }
        Optional<Item> found = item(me, path);
        if (found.isEmpty()) {
            envelope.failure(exchange, v2, 404, "Wrong path, file/folder does not exist");
            return;
        }
        Item item = found.get();
        int shareType = parseInt(params.get("shareType"), -1);
        String shareWith = params.get("shareWith");
        int requested = parseInt(params.get("permissions"), -1);
        int permissions;
        switch (shareType) {
            case Share.USER -> {
                if (shareWith == null || state.user(shareWith).isEmpty()) {
                    envelope.failure(exchange, v2, 404, "Please specify a valid account to share with");
                    return;
                }
                if (shareWith.equals(me)) {
                    envelope.failure(exchange, v2, 403, "Cannot share with yourself");
                    return;
                }
                permissions = requested < 0 ? ALL : requested;
            }
            case Share.GROUP -> {
                if (!EVERYONE_GROUP.equals(shareWith)) {
                    envelope.failure(exchange, v2, 404, "Please specify a valid group");
                    return;
                }
                permissions = requested < 0 ? ALL : requested;
            }
            case Share.LINK, Share.EMAIL -> {
                if (shareType == Share.EMAIL && (shareWith == null || !shareWith.matches("[^@\\s]+@[^@\\s]+"))) {
                    envelope.failure(exchange, v2, 400, "Please specify a valid email address");
                    return;
                }
                if (shareType == Share.LINK) {
                    shareWith = null;
                }
                permissions = requested < 0 ? READ : requested;
            }
            default -> {
                envelope.failure(exchange, v2, 400, "Unknown share type");
                return;
            }
        }
        if (permissions < 0 || permissions > ALL || (permissions & READ) == 0) {
            envelope.failure(exchange, v2, 400, "Invalid permissions: a share must at least allow reading");
            return;
        }
        if (!item.folder()) {
            // A file cannot receive files or be emptied: Nextcloud drops create and delete (31 becomes 19).
            permissions &= ~(CREATE | DELETE);
        }
        if ((shareType == Share.USER || shareType == Share.GROUP) && duplicate(me, item.id(), shareType, shareWith)) {
            envelope.failure(exchange, v2, 403, "Sharing " + item.path() + " failed, because this item is already shared"
                    + " with " + shareWith);
            return;
        }
        LocalDate expiration = null;
        if (params.get("expireDate") != null && !params.get("expireDate").isBlank()) {
            Optional<LocalDate> date = parseDate(params.get("expireDate"));
            if (date.isEmpty()) {
                envelope.failure(exchange, v2, 404, "Invalid date. Format must be YYYY-MM-DD");
                return;
            }
            if (date.get().isBefore(today())) {
                envelope.failure(exchange, v2, 404, "Expiration date is in the past");
                return;
            }
            expiration = date.get();
        }
        String password = params.get("password");
        String passwordHash = (shareType == Share.LINK || shareType == Share.EMAIL) && password != null
                && !password.isEmpty() ? hash(password) : null;
        String token = shareType == Share.LINK || shareType == Share.EMAIL ? SimulatorState.randomToken(15) : null;
        Share share = new Share(shares.nextId(), shareType, me, item.path(), item.id(), item.folder(), shareWith,
                permissions, passwordHash, expiration, params.getOrDefault("note", ""), params.getOrDefault("label", ""),
                token, state.clock().instant().getEpochSecond());
        shares.put(share);
        envelope.ok(exchange, v2, format(exchange, share, me));
    }

    private void update(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        boolean v2 = v2(exchange);
        String me = caller.get().user().userId();
        Optional<Share> visible = visibleShare(exchange.pathGroup(2), me);
        if (visible.isEmpty()) {
            envelope.failure(exchange, v2, 404, "Wrong share ID, share does not exist");
            return;
        }
        Share share = visible.get();
        if (!share.owner().equals(me)) {
            envelope.failure(exchange, v2, 403, "You are not allowed to edit incoming shares");
            return;
        }
        Map<String, String> params = params(exchange);
        String permissionsParam = params.get("permissions");
        String password = params.get("password");
        String expireDate = params.get("expireDate");
        String note = params.get("note");
        String label = params.get("label");
        if (permissionsParam == null && password == null && expireDate == null && note == null && label == null) {
            envelope.failure(exchange, v2, 400, "Wrong or no update parameter given");
            return;
        }
        int permissions = share.permissions();
        if (permissionsParam != null) {
            permissions = parseInt(permissionsParam, -1);
            if (permissions < 0 || permissions > ALL || (permissions & READ) == 0) {
                envelope.failure(exchange, v2, 400, "Invalid permissions: a share must at least allow reading");
                return;
            }
            if (!share.folder()) {
                permissions &= ~(CREATE | DELETE);
            }
        }
        String passwordHash = share.passwordHash();
        if (password != null) {
            if (share.shareType() != Share.LINK && share.shareType() != Share.EMAIL) {
                envelope.failure(exchange, v2, 400, "Wrong or no update parameter given");
                return;
            }
            passwordHash = password.isEmpty() ? null : hash(password);
        }
        LocalDate expiration = share.expiration();
        if (expireDate != null) {
            if (expireDate.isEmpty()) {
                expiration = null;
            } else {
                Optional<LocalDate> date = parseDate(expireDate);
                if (date.isEmpty()) {
                    envelope.failure(exchange, v2, 400, "Invalid date. Format must be YYYY-MM-DD");
                    return;
                }
                if (date.get().isBefore(today())) {
                    envelope.failure(exchange, v2, 404, "Expiration date is in the past");
                    return;
                }
                expiration = date.get();
            }
        }
        Share updated = share.with(permissions, passwordHash, expiration, note == null ? share.note() : note,
                label == null ? share.label() : label);
        shares.put(updated);
        envelope.ok(exchange, v2, format(exchange, updated, me));
    }

    private void delete(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        String me = caller.get().user().userId();
        Optional<Share> share = visibleShare(exchange.pathGroup(2), me);
        // A recipient may also delete an incoming share: Nextcloud then unshares it from them only; here it goes.
        if (share.isEmpty() || !shares.remove(share.get().id())) {
            envelope.failure(exchange, v2(exchange), 404, "Wrong share ID, share does not exist");
            return;
        }
        envelope.ok(exchange, v2(exchange), List.of());
    }

    /** The share if the caller owns it or receives it; anyone else gets the same 404 as for a missing share. */
    private Optional<Share> visibleShare(String rawId, String me) {
        if (!rawId.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return shares.get(Long.parseLong(rawId)).filter(this::itemExists)
                .filter(s -> s.owner().equals(me) || isRecipient(s, me));
    }

    private boolean isRecipient(Share share, String me) {
        return (share.shareType() == Share.USER && me.equals(share.shareWith()))
                || (share.shareType() == Share.GROUP && EVERYONE_GROUP.equals(share.shareWith())
                        && !share.owner().equals(me));
    }

    /** Nextcloud deletes a file's shares with the file: a share whose item is gone no longer exists. */
    private List<Share> live() {
        return shares.all().stream().filter(this::itemExists).toList();
    }

    private boolean itemExists(Share share) {
        return state.files().node(share.itemId()).isPresent();
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String currentPath(Share share) {
        return state.files().node(share.itemId()).map(FileTree.Node::path).orElse(share.itemPath());
    }

    private boolean duplicate(String owner, long itemId, int shareType, String shareWith) {
        return live().stream().anyMatch(s -> s.owner().equals(owner) && s.itemId() == itemId
                && s.shareType() == shareType && shareWith.equals(s.shareWith()));
    }

    private static boolean isChild(String path, String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        return path.startsWith(prefix) && path.length() > prefix.length() && path.indexOf('/', prefix.length()) < 0;
    }

    /** A file or folder of the user's tree by path, with its file id (the one WebDAV reports as oc:fileid). */
    private Optional<Item> item(String userId, String rawPath) {
        String path = normalise(rawPath).substring(1);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return state.files().node(userId, path).map(node -> new Item(node.id(), path, node.folder(),
                node.folder() ? null : state.file(node.id()).orElse(null)));
    }

    private static String normalise(String path) {
        String trimmed = path.replaceAll("/+", "/");
        if (trimmed.endsWith("/") && trimmed.length() > 1) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    private Map<String, Object> format(SimExchange exchange, Share share, String viewer) {
        SimulatorUser owner = state.user(share.owner()).orElseThrow();
        Optional<SimFile> file = share.folder() ? Optional.empty() : state.file(share.itemId());
        // the share follows its file by id, so a renamed file shows its new path
        Optional<FileTree.Node> node = state.files().node(share.itemId());
        String itemPath = currentPath(share);
        long parentId = node.flatMap(n -> state.files().node(n.userId(), n.parent())).map(FileTree.Node::id).orElse(1L);
        boolean ownerView = share.owner().equals(viewer);
        String target = "/" + nameOf(itemPath);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(share.id()));
        out.put("share_type", share.shareType());
        out.put("uid_owner", owner.userId());
        out.put("displayname_owner", owner.displayName());
        out.put("permissions", share.permissions());
        out.put("can_edit", ownerView);
        out.put("can_delete", true);
        out.put("stime", share.created());
        out.put("parent", null);
        out.put("expiration", share.expiration() == null ? null : share.expiration() + " 00:00:00");
        out.put("token", share.token());
        out.put("uid_file_owner", owner.userId());
        out.put("note", share.note());
        out.put("label", share.label());
        out.put("displayname_file_owner", owner.displayName());
        out.put("path", ownerView ? "/" + itemPath : target);
        out.put("item_type", share.folder() ? "folder" : "file");
        out.put("item_permissions", share.folder() ? ALL : 27);
        out.put("is-mount-root", false);
        out.put("mount-type", ownerView ? "" : "shared");
        out.put("mimetype", file.map(SimFile::contentType).orElse("httpd/unix-directory"));
        out.put("has_preview", false);
        out.put("storage_id", "home::" + owner.userId());
        out.put("storage", 1);
        out.put("item_source", share.itemId());
        out.put("file_source", share.itemId());
        out.put("file_parent", parentId);
        out.put("file_target", target);
        out.put("item_size", file.map(f -> (long) f.content().length).orElse(0L));
        out.put("item_mtime", file.map(SimFile::modifiedEpochSecond).orElse(share.created()));
        switch (share.shareType()) {
            case Share.USER -> {
                SimulatorUser recipient = state.user(share.shareWith()).orElseThrow();
                out.put("share_with", recipient.userId());
                out.put("share_with_displayname", recipient.displayName());
                out.put("share_with_displayname_unique", recipient.userId());
            }
            case Share.GROUP -> {
                out.put("share_with", share.shareWith());
                out.put("share_with_displayname", share.shareWith());
            }
            case Share.LINK -> {
                // Nextcloud puts the password hash in share_with for links (and in password): clients must not echo it.
                out.put("share_with", share.passwordHash());
                out.put("share_with_displayname", "(Shared link)");
                out.put("password", share.passwordHash());
                out.put("send_password_by_talk", false);
                out.put("url", exchange.requestBaseUrl() + "/index.php/s/" + share.token());
            }
            default -> {
                out.put("share_with", share.shareWith());
                out.put("share_with_displayname", share.shareWith());
                out.put("password", share.passwordHash());
                out.put("send_password_by_talk", false);
            }
        }
        out.put("mail_send", 0);
        out.put("hide_download", 0);
        out.put("attributes", null);
        return out;
    }

    /** Nextcloud reads parameters from the query and from a form or JSON body. */
    private Map<String, String> params(SimExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : List.of("path", "shared_with_me", "reshares", "subfiles", "shareType", "shareWith",
                "permissions", "password", "expireDate", "note", "label", "publicUpload")) {
            if (exchange.query(name) != null) {
                params.put(name, exchange.query(name));
            }
        }
        String contentType = exchange.header("Content-Type");
        if (contentType != null && contentType.contains("json")) {
            try {
                JsonNode body = json.readTree(exchange.body());
                body.properties().forEach(e -> params.put(e.getKey(), e.getValue().isNull() ? null
                        : e.getValue().asString()));
            } catch (JacksonException unreadable) {
                // Nextcloud ignores a body it cannot parse; the missing parameters then say what is wrong.
            }
        } else if (exchange.body().length > 0) {
            params.putAll(exchange.form());
        }
        params.values().removeIf(v -> v == null);
        return params;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(state.clock().instant(), ZoneOffset.UTC);
    }

    private static Optional<LocalDate> parseDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text));
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }

    private static int parseInt(String text, int otherwise) {
        try {
            return text == null ? otherwise : Integer.parseInt(text.trim());
        } catch (NumberFormatException malformed) {
            return otherwise;
        }
    }

    /** A stand-in for Nextcloud's argon2 hash: the simulator never keeps a share password in clear. */
    private static String hash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return "3|$argon2id$v=19$m=65536,t=4,p=1$" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
