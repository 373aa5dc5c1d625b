package org.ncmcp.e2e.simulator.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every user's files as real files on disk, {@code <root>/<userId>/<path>}, each file and folder with a stable id
 * as Nextcloud's file cache gives them ({@code oc:fileid}): an id stays with its file through writes and renames
 * and is never reused. Notes, recipes and shares all live here, and when a DAV server is attached the root is that
 * server's files folder, so WebDAV and the app APIs see one tree (nextcloud-api.md §2.1 item 1).
 *
 * <p>The ids are kept here, not on disk; whoever changes the tree behind this class's back (the DAV server, on a
 * client's PUT, MOVE or DELETE) calls {@link #moved} or {@link #rescan}. With an id index file set, every change
 * rewrites it ({@code {"<user>/<path>": id}}, the home folder as {@code "<user>"}) so the DAV server can report the
 * same ids.
 */
public final class FileTree implements AutoCloseable {

    /** Sabre's FSExt keeps dead properties in this file in each folder; it is no user file. */
    private static final String SABRE_PROPERTIES = ".sabredav";
    private static final Map<String, String> TYPES = Map.of("md", "text/markdown", "txt", "text/plain", "json",
            "application/json", "pdf", "application/pdf", "ods", "application/vnd.oasis.opendocument.spreadsheet",
            "odt", "application/vnd.oasis.opendocument.text");

    /** One file or folder. {@code path} is relative to the user's home, without a leading slash; "" is the home. */
    public record Node(long id, String userId, String path, boolean folder) {

        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        public String parent() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }
    }

    private final Clock clock;
    private final Path privateRoot;
    private final JsonMapper json = JsonMapper.builder().build();
    // Changes are synchronized; reads are not, so concurrent note reads (the load benchmark) do not queue.
    private volatile Path root;
    private volatile Path idIndex;
    private long nextId = 100;
    private final Map<String, Node> byKey = new ConcurrentHashMap<>();
    private final Map<Long, Node> byId = new ConcurrentHashMap<>();
    private final Map<Long, String> contentTypes = new ConcurrentHashMap<>();
    private final Set<Long> favorites = ConcurrentHashMap.newKeySet();
    private final Set<Long> readonly = ConcurrentHashMap.newKeySet();

    /** A tree in a temporary folder of its own, removed by {@link #close()}. */
    public FileTree(Clock clock) {
        this.clock = clock;
        try {
            this.privateRoot = Files.createTempDirectory("nextcloud-simulator-files-");
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not create the simulator's file folder", failed);
        }
        this.root = privateRoot;
    }

    /**
     * Moves the tree into {@code newRoot} (a DAV server's files folder, one sub-folder per user) and from then on
     * writes the ids to {@code newIdIndex}. Files already there get ids; files here keep theirs.
     */
    public synchronized void mount(Path newRoot, Path newIdIndex) {
        if (newRoot.equals(root)) {
            return;
        }
        try {
            Files.createDirectories(newRoot);
            copyTree(root, newRoot);
            if (root.equals(privateRoot)) {
                deleteTree(privateRoot);
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not move the simulator's files to " + newRoot, failed);
        }
        root = newRoot;
        idIndex = newIdIndex;
        rescanAll();
    }

    // --- reading -----------------------------------------------------------------------------------

    public Optional<Node> node(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Node> node(String userId, String path) {
        return Optional.ofNullable(byKey.get(key(userId, path)));
    }

    /** Files and folders below {@code folder} at any depth, by id. */
    public List<Node> under(String userId, String folder) {
        String prefix = key(userId, folder.replaceAll("^/+|/+$", "")) + "/";
        List<Node> result = new ArrayList<>();
        for (Map.Entry<String, Node> entry : byKey.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                result.add(entry.getValue());
            }
        }
        result.sort(Comparator.comparingLong(Node::id));
        return result;
    }

    public byte[] content(Node file) {
        try {
            return Files.readAllBytes(location(file));
        } catch (IOException gone) {
            return new byte[0];
        }
    }

    public long modifiedEpochSecond(Node node) {
        try {
            return Files.getLastModifiedTime(location(node)).toInstant().getEpochSecond();
        } catch (IOException gone) {
            return 0;
        }
    }

    public long size(Node node) {
        try {
            return node.folder() ? 0 : Files.size(location(node));
        } catch (IOException gone) {
            return 0;
        }
    }

    public String contentType(Node node) {
        if (node.folder()) {
            return "httpd/unix-directory";
        }
        String known = contentTypes.get(node.id());
        if (known != null) {
            return known;
        }
        String name = node.name();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase() : "";
        String type = TYPES.getOrDefault(extension, URLConnection.guessContentTypeFromName(name));
        return type == null ? "application/octet-stream" : type;
    }

    public boolean favorite(long id) {
        return favorites.contains(id);
    }

    public boolean readonly(long id) {
        return readonly.contains(id);
    }

    // --- writing -----------------------------------------------------------------------------------

    /** A new file; its missing parent folders are created too. */
    public synchronized Node createFile(String userId, String path, byte[] content, String contentType) {
        Path target = location(userId, path);
        if (Files.exists(target)) {
            throw new IllegalStateException("file exists: " + path);
        }
        try {
            ensureFolders(userId, parentOf(path));
            Files.write(target, content);
            touch(target);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        Node file = register(userId, path, false);
        if (contentType != null) {
            contentTypes.put(file.id(), contentType);
        }
        persistIds();
        return file;
    }

    /** A folder and its missing parents; an existing folder is returned as it is. */
    public synchronized Node createFolder(String userId, String path) {
        try {
            ensureFolders(userId, path);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        persistIds();
        return byKey.get(key(userId, path));
    }

    public synchronized Node write(long id, byte[] content) {
        Node file = existing(id);
        try {
            Files.write(location(file), content);
            touch(location(file));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return file;
    }

    /** Renames a file or folder (with everything in it); the ids stay. The modification time becomes now. */
    public synchronized Node move(long id, String newPath) {
        Node node = existing(id);
        Path target = location(node.userId(), newPath);
        try {
            ensureFolders(node.userId(), parentOf(newPath));
            Files.move(location(node), target);
            touch(target);
        } catch (FileAlreadyExistsException taken) {
            throw new IllegalStateException("file exists: " + newPath);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        rekey(node.userId(), node.path(), newPath);
        persistIds();
        return byId.get(id);
    }

    public synchronized void setFlags(long id, boolean favorite, boolean readOnly) {
        existing(id);
        if (favorite) {
            favorites.add(id);
        } else {
            favorites.remove(id);
        }
        if (readOnly) {
            readonly.add(id);
        } else {
            readonly.remove(id);
        }
    }

    /** Deletes a file, or a folder with everything in it. */
    public synchronized boolean delete(long id) {
        Node node = byId.get(id);
        if (node == null) {
            return false;
        }
        try {
            deleteTree(location(node));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        forget(node.userId(), node.path());
        persistIds();
        return true;
    }

    // --- changes made by someone else (the DAV server) ------------------------------------------------

    /** {@code from} (a file or folder of the user's) is now at {@code to}: its ids go with it, as in Nextcloud. */
    public synchronized void moved(String userId, String from, String to) {
        if (byKey.containsKey(key(userId, from)) && !from.equals(to)) {
            forget(userId, to);
            rekey(userId, from, to);
        }
        rescan(userId);
    }

    /** Brings the user's ids in line with the disk: new files get ids, vanished ones lose theirs. */
    public synchronized void rescan(String userId) {
        Path home = location(userId, "");
        Set<String> present = new HashSet<>();
        if (Files.isDirectory(home)) {
            try (Stream<Path> paths = Files.walk(home)) {
                for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                    if (path.getFileName().toString().equals(SABRE_PROPERTIES)) {
                        continue;
                    }
                    String relative = home.relativize(path).toString().replace('\\', '/');
                    present.add(key(userId, relative));
                    if (!byKey.containsKey(key(userId, relative))) {
                        register(userId, relative, Files.isDirectory(path));
                    }
                }
            } catch (IOException | UncheckedIOException changing) {
                // the tree changed under the walk; the next change rescans again
            }
        }
        for (Node node : List.copyOf(byKey.values())) {
            if (node.userId().equals(userId) && !present.contains(key(userId, node.path()))) {
                byKey.remove(key(userId, node.path()));
                byId.remove(node.id());
                dropFlags(node.id());
            }
        }
        persistIds();
    }

    @Override
    public synchronized void close() {
        try {
            if (root.equals(privateRoot)) {
                deleteTree(privateRoot);
            }
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    // --- internals ---------------------------------------------------------------------------------

    private void rescanAll() {
        Set<String> users = new HashSet<>();
        byKey.values().forEach(node -> users.add(node.userId()));
        try (Stream<Path> homes = Files.list(root)) {
            homes.filter(Files::isDirectory).forEach(home -> users.add(home.getFileName().toString()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        users.forEach(this::rescan);
    }

    private void ensureFolders(String userId, String path) throws IOException {
        Files.createDirectories(location(userId, path));
        String sofar = "";
        registerIfMissing(userId, "", true);
        if (path.isEmpty()) {
            return;
        }
        for (String part : path.split("/")) {
            sofar = sofar.isEmpty() ? part : sofar + "/" + part;
            registerIfMissing(userId, sofar, true);
        }
    }

    private void registerIfMissing(String userId, String path, boolean folder) {
        if (!byKey.containsKey(key(userId, path))) {
            register(userId, path, folder);
        }
    }

    private Node register(String userId, String path, boolean folder) {
        if (!path.isEmpty()) {
            registerIfMissing(userId, parentOf(path), true);
        }
        Node node = new Node(nextId++, userId, path, folder);
        byKey.put(key(userId, path), node);
        byId.put(node.id(), node);
        return node;
    }

    private void rekey(String userId, String from, String to) {
        String prefix = key(userId, from);
        for (Node node : List.copyOf(byKey.values())) {
            String nodeKey = key(userId, node.path());
            if (node.userId().equals(userId) && (nodeKey.equals(prefix) || nodeKey.startsWith(prefix + "/"))) {
                Node renamed = new Node(node.id(), userId, to + node.path().substring(from.length()), node.folder());
                byKey.remove(nodeKey);
                byKey.put(key(userId, renamed.path()), renamed);
                byId.put(renamed.id(), renamed);
            }
        }
        registerIfMissing(userId, parentOf(to), true);
    }

    private void forget(String userId, String path) {
        String prefix = key(userId, path);
        for (Node node : List.copyOf(byKey.values())) {
            String nodeKey = key(userId, node.path());
            if (node.userId().equals(userId) && (nodeKey.equals(prefix) || nodeKey.startsWith(prefix + "/"))) {
                byKey.remove(nodeKey);
                byId.remove(node.id());
                dropFlags(node.id());
            }
        }
    }

    private void dropFlags(long id) {
        favorites.remove(id);
        readonly.remove(id);
        contentTypes.remove(id);
    }

    private Node existing(long id) {
        Node node = byId.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no file with id " + id);
        }
        return node;
    }

    /** Modification times follow the simulator's clock, so tests with a fixed clock see fixed times. */
    private void touch(Path path) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(clock.instant()));
    }

    private void persistIds() {
        if (idIndex == null) {
            return;
        }
        Map<String, Long> ids = new TreeMap<>();
        byKey.forEach((nodeKey, node) -> ids.put(nodeKey, node.id()));
        try {
            Path temp = idIndex.resolveSibling(idIndex.getFileName() + ".tmp");
            Files.write(temp, json.writeValueAsBytes(new LinkedHashMap<>(ids)));
            // replaced in one step: the DAV server's workers read it on every PROPFIND
            Files.move(temp, idIndex, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not write the file id index " + idIndex, failed);
        }
    }

    private Path location(Node node) {
        return location(node.userId(), node.path());
    }

    private Path location(String userId, String path) {
        if (userId.contains("/") || userId.startsWith(".") || path.startsWith("/") || ("/" + path + "/").contains("/../")) {
            throw new IllegalArgumentException("not a path inside the user's files: " + userId + "/" + path);
        }
        Path home = root.resolve(userId);
        return path.isEmpty() ? home : home.resolve(path);
    }

    private static String key(String userId, String path) {
        return path.isEmpty() ? userId : userId + "/" + path;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths.sorted()::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(each);
            }
        }
    }
}
