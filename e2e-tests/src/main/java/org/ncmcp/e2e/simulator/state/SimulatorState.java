package org.ncmcp.e2e.simulator.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ncmcp.e2e.simulator.files.FileTree;

/**
 * Everything the simulator knows: users, app passwords and each user's files. One shared model, so
 * cross-feature behaviour stays faithful: a revoked app password fails on every API, and a note
 * deleted through the Notes API is gone from the file tree.
 */
public final class SimulatorState {

    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, SimulatorUser> usersById = new ConcurrentHashMap<>();
    private final Map<String, SimulatorUser> usersByLogin = new ConcurrentHashMap<>();
    /** app password → owner user id. Keyed lookups are fine: the key is 72 random characters. */
    private final Map<String, String> appPasswords = new ConcurrentHashMap<>();
    private final FileTree files;
    private volatile long maxNoteBytes = 10L * 1024 * 1024;

    public SimulatorState(Clock clock) {
        this.clock = clock;
        this.files = new FileTree(clock);
    }

    public Clock clock() {
        return clock;
    }

    // --- users and credentials -------------------------------------------------------------------

    public SimulatorUser addUser(String userId, String loginName, String displayName, String loginPassword) {
        SimulatorUser user = new SimulatorUser(userId, loginName, displayName, userId + "@example.com", loginPassword);
        if (usersById.putIfAbsent(userId, user) != null) {
            throw new IllegalArgumentException("user exists: " + userId);
        }
        usersByLogin.put(loginName, user);
        return user;
    }

    public Optional<SimulatorUser> user(String userId) {
        return Optional.ofNullable(usersById.get(userId));
    }

    public Optional<SimulatorUser> userByLogin(String loginName) {
        return Optional.ofNullable(usersByLogin.get(loginName));
    }

    /** A new app password for the user: 72 characters of [A-Za-z0-9], as Nextcloud issues them. */
    public String issueAppPassword(String userId) {
        if (!usersById.containsKey(userId)) {
            throw new IllegalArgumentException("no such user: " + userId);
        }
        String password = randomToken(72);
        appPasswords.put(password, userId);
        return password;
    }

    /** Registers a chosen app password (the demo keeps one fixed across restarts). */
    public void addAppPassword(String userId, String appPassword) {
        if (!usersById.containsKey(userId)) {
            throw new IllegalArgumentException("no such user: " + userId);
        }
        appPasswords.put(appPassword, userId);
    }

    public boolean revokeAppPassword(String appPassword) {
        return appPassword != null && appPasswords.remove(appPassword) != null;
    }

    /** How many app passwords the user has (a person's "Devices & sessions" list). */
    public long appPasswordCount(String userId) {
        return appPasswords.values().stream().filter(userId::equals).count();
    }

    /** Deletes every app password of the user, as removing all devices in Nextcloud's settings does. */
    public int revokeAppPasswordsOf(String userId) {
        int before = appPasswords.size();
        appPasswords.values().removeIf(userId::equals);
        return before - appPasswords.size();
    }

    public boolean isAppPassword(String candidate) {
        return candidate != null && appPasswords.containsKey(candidate);
    }

    /** Checks HTTP Basic credentials: the login name with an app password or the login password. */
    public Optional<Caller> authenticate(String loginName, String password) {
        SimulatorUser user = usersByLogin.get(loginName);
        if (user == null || password == null) {
            return Optional.empty();
        }
        String owner = appPasswords.get(password);
        if (owner != null) {
            return owner.equals(user.userId()) ? Optional.of(new Caller(user, password)) : Optional.empty();
        }
        boolean loginPasswordMatches = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                user.loginPassword().getBytes(StandardCharsets.UTF_8));
        return loginPasswordMatches ? Optional.of(new Caller(user, null)) : Optional.empty();
    }

    /** Parses an {@code Authorization: Basic …} header and authenticates it. */
    public Optional<Caller> authenticateHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    // --- files -----------------------------------------------------------------------------------

    public long maxNoteBytes() {
        return maxNoteBytes;
    }

    /** Lowers the quota so tests can provoke 507 Insufficient Storage. */
    public void setMaxNoteBytes(long bytes) {
        this.maxNoteBytes = bytes;
    }

    /** Every user's files on disk, with their ids; notes and recipes are files here. */
    public FileTree files() {
        return files;
    }

    /** A file (not a folder) by id. */
    public Optional<SimFile> file(long id) {
        return files.node(id).filter(node -> !node.folder()).map(this::view);
    }

    public Optional<SimFile> fileByPath(String userId, String path) {
        return files.node(userId, path).filter(node -> !node.folder()).map(this::view);
    }

    /** The files (not folders) below {@code folder}, at any depth, by id. */
    public List<SimFile> filesUnder(String userId, String folder) {
        List<SimFile> result = new ArrayList<>();
        for (FileTree.Node node : files.under(userId, folder)) {
            if (!node.folder()) {
                result.add(view(node));
            }
        }
        return result;
    }

    public SimFile createFile(String userId, String path, byte[] content, String contentType) {
        return view(files.createFile(userId, path, content, contentType));
    }

    public SimFile writeFile(long id, byte[] content) {
        return view(files.write(id, content));
    }

    public SimFile moveFile(long id, String newPath) {
        return view(files.move(id, newPath));
    }

    public SimFile setFlags(long id, boolean favorite, boolean readonly) {
        files.setFlags(id, favorite, readonly);
        return file(id).orElseThrow();
    }

    public boolean deleteFile(long id) {
        return files.delete(id);
    }

    /** Puts a file into a note's attachment folder ({@code .attachments.<noteId>/} beside the note). */
    public SimFile putNoteAttachment(String userId, long noteId, String filename, byte[] content, String contentType) {
        SimFile note = file(noteId).orElseThrow(() -> new IllegalArgumentException("no note " + noteId));
        String folder = note.parent().isEmpty() ? "" : note.parent() + "/";
        return createFile(userId, folder + ".attachments." + noteId + "/" + filename, content, contentType);
    }

    private SimFile view(FileTree.Node node) {
        return new SimFile(node.id(), node.userId(), node.path(), files.content(node), files.contentType(node),
                files.modifiedEpochSecond(node), files.favorite(node.id()), files.readonly(node.id()));
    }

    /** The object lock the Notes API takes so that create-with-unique-title and If-Match checks are atomic. */
    public Object notesLock() {
        return this;
    }

    public static String randomToken(int length) {
        char[] token = new char[length];
        for (int i = 0; i < length; i++) {
            token[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        }
        return new String(token);
    }
}
