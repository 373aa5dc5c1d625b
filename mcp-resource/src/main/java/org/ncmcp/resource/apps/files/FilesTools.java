package org.ncmcp.resource.apps.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.ncmcp.model.tool.FilesCatalogue;
import org.ncmcp.resource.apps.files.FilesClient.Found;
import org.ncmcp.resource.apps.files.FilesToolModels.CreateDirectoryInput;
import org.ncmcp.resource.apps.files.FilesToolModels.DeleteInput;
import org.ncmcp.resource.apps.files.FilesToolModels.Deleted;
import org.ncmcp.resource.apps.files.FilesToolModels.DirectoryCreated;
import org.ncmcp.resource.apps.files.FilesToolModels.DirectoryListing;
import org.ncmcp.resource.apps.files.FilesToolModels.FileContent;
import org.ncmcp.resource.apps.files.FilesToolModels.FileInfo;
import org.ncmcp.resource.apps.files.FilesToolModels.FileWritten;
import org.ncmcp.resource.apps.files.FilesToolModels.FindByNameInput;
import org.ncmcp.resource.apps.files.FilesToolModels.FindByTypeInput;
import org.ncmcp.resource.apps.files.FilesToolModels.LimitInput;
import org.ncmcp.resource.apps.files.FilesToolModels.PathInput;
import org.ncmcp.resource.apps.files.FilesToolModels.ReadFileInput;
import org.ncmcp.resource.apps.files.FilesToolModels.SearchInput;
import org.ncmcp.resource.apps.files.FilesToolModels.SearchResults;
import org.ncmcp.resource.apps.files.FilesToolModels.TransferInput;
import org.ncmcp.resource.apps.files.FilesToolModels.Transferred;
import org.ncmcp.resource.apps.files.FilesToolModels.WriteFileInput;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import org.ncmcp.resource.nextcloud.NextcloudTooLargeException;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The eleven Files (WebDAV) tools. */
public class FilesTools implements ToolSet {

    /** Contents travel inside one JSON-RPC message (base64 adds a third): keep files reasonable. */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    private static final int DEFAULT_LIMIT = 50;
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml",
            "application/javascript", "application/x-yaml", "application/yaml", "application/x-sh",
            "application/sql", "image/svg+xml");

    private final FilesClient files;

    public FilesTools(FilesClient files) {
        this.files = files;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(FilesCatalogue.LIST_DIRECTORY, "List the files and folders in a folder of your"
                        + " Nextcloud files, with size, type, modification time and etag.",
                        PathInput.class, DirectoryListing.class, this::listDirectory),
                NextcloudTool.of(FilesCatalogue.READ_FILE, "Read a file: text files come back as text, other files"
                        + " base64-encoded with their media type. Files above 10 MiB (or maxBytes) are refused.",
                        ReadFileInput.class, FileContent.class, this::readFile),
                NextcloudTool.of(FilesCatalogue.WRITE_FILE, "Create or replace a file with text or base64 content."
                        + " An existing file is replaced only with the etag you read (or overwrite=true); if it"
                        + " changed since, nothing is written and the error gives the current etag.",
                        WriteFileInput.class, FileWritten.class, this::writeFile),
                NextcloudTool.of(FilesCatalogue.CREATE_DIRECTORY, "Create a folder (with parents=true also its"
                        + " missing parent folders).", CreateDirectoryInput.class, DirectoryCreated.class,
                        this::createDirectory),
                NextcloudTool.of(FilesCatalogue.DELETE, "Delete a file, or a folder with everything in it (Nextcloud"
                        + " keeps it in the trash bin if enabled).", DeleteInput.class, Deleted.class, this::delete),
                NextcloudTool.of(FilesCatalogue.MOVE, "Move or rename a file or folder. An existing destination is"
                        + " an error unless overwrite=true.", TransferInput.class, Transferred.class,
                        input -> transfer("MOVE", input)),
                NextcloudTool.of(FilesCatalogue.COPY, "Copy a file or folder. An existing destination is an error"
                        + " unless overwrite=true.", TransferInput.class, Transferred.class,
                        input -> transfer("COPY", input)),
                NextcloudTool.of(FilesCatalogue.SEARCH, "Search your files by name pattern, media type and"
                        + " favorite mark, below a folder.", SearchInput.class, SearchResults.class, this::search),
                NextcloudTool.of(FilesCatalogue.FIND_BY_NAME, "Find files and folders whose name matches a pattern"
                        + " such as '*.pdf' or 'invoice'.", FindByNameInput.class, SearchResults.class,
                        input -> search(new SearchInput(input.under(), input.pattern(), null, null, input.limit()))),
                NextcloudTool.of(FilesCatalogue.FIND_BY_TYPE, "Find files of a media type such as application/pdf,"
                        + " or a family such as image.", FindByTypeInput.class, SearchResults.class,
                        input -> search(new SearchInput(input.under(), null, input.mimeType(), null, input.limit()))),
                NextcloudTool.of(FilesCatalogue.LIST_FAVORITES, "List the files and folders you marked as"
                        + " favorites.", LimitInput.class, SearchResults.class, this::favorites));
    }

    private DirectoryListing listDirectory(PathInput input) {
        FilesPath folder = FilesPath.of(input.path());
        List<DavEntry> entries = files.list(folder);
        if (entries.isEmpty() || !entries.get(0).directory()) {
            throw new InvalidToolInputException(folder.display() + " is a file, not a folder; read it with"
                    + " nc_files_read_file.");
        }
        List<FileInfo> children = entries.subList(1, entries.size()).stream().map(this::info)
                .sorted(Comparator.comparing((FileInfo info) -> !info.type().equals("folder"))
                        .thenComparing(info -> info.name().toLowerCase(Locale.ROOT)))
                .toList();
        return new DirectoryListing(folder.display(), children.size(), children);
    }

    private FileContent readFile(ReadFileInput input) {
        FilesPath path = FilesPath.of(input.path());
        int limit = input.maxBytes() == null ? MAX_FILE_BYTES : input.maxBytes();
        DavEntry entry = files.stat(path);
        if (entry.directory()) {
            throw new InvalidToolInputException(path.display() + " is a folder; list it with nc_files_list_directory.");
        }
        if (entry.size() != null && entry.size() > limit) {
            throw tooLarge(path, entry.size(), limit);
        }
        NextcloudResponse response = files.download(path);
        byte[] content = response.body();
        if (content.length > limit) {
            throw tooLarge(path, content.length, limit);
        }
        // PROPFIND's getcontenttype is what Nextcloud stores; a GET's Content-Type may be a web server default.
        String mimeType = mediaType(entry.contentType() != null ? entry.contentType()
                : response.header("Content-Type").orElse(null));
        String etag = response.etag().orElse(entry.etag());
        String text = isText(mimeType) || mimeType.equals("application/octet-stream") ? utf8(content) : null;
        return text != null
                ? new FileContent(path.display(), mimeType, content.length, nullToEmpty(etag), "utf-8", text)
                : new FileContent(path.display(), mimeType, content.length, nullToEmpty(etag), "base64",
                        Base64.getEncoder().encodeToString(content));
    }

    private FileWritten writeFile(WriteFileInput input) {
        FilesPath path = FilesPath.of(input.path());
        if (path.isRoot()) {
            throw new InvalidToolInputException("give the path of a file, not the root folder.");
        }
        if ((input.content() == null) == (input.contentBase64() == null)) {
            throw new InvalidToolInputException("give exactly one of 'content' (text) and 'contentBase64'.");
        }
        byte[] bytes;
        if (input.content() != null) {
            bytes = input.content().getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                bytes = Base64.getDecoder().decode(input.contentBase64().trim());
            } catch (IllegalArgumentException notBase64) {
                throw new InvalidToolInputException("'contentBase64' is not valid base64.");
            }
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new NextcloudTooLargeException(413, "The content is " + bytes.length + " bytes; this tool writes at"
                    + " most " + MAX_FILE_BYTES + " bytes. Upload large files with a Nextcloud client.");
        }
        String type = input.mimeType() != null ? input.mimeType()
                : input.content() != null ? "text/plain; charset=utf-8" : "application/octet-stream";
        boolean created = files.upload(path, bytes, type, input.etag(), Boolean.TRUE.equals(input.overwrite()));
        String etag = files.stat(path).etag();
        return new FileWritten(path.display(), created, bytes.length, nullToEmpty(etag));
    }

    private DirectoryCreated createDirectory(CreateDirectoryInput input) {
        FilesPath path = FilesPath.of(input.path());
        if (path.isRoot()) {
            throw new InvalidToolInputException("the root folder always exists; give the path of a new folder.");
        }
        if (!Boolean.TRUE.equals(input.parents())) {
            files.makeDirectory(path);
            return new DirectoryCreated(path.display(), true);
        }
        boolean created = false;
        FilesPath current = FilesPath.ROOT;
        for (String segment : path.segments()) {
            current = current.child(segment);
            try {
                files.makeDirectory(current);
                created = true;
            } catch (NextcloudConflictException exists) {
                if (exists.status() != 405 || !files.stat(current).directory()) {
                    throw exists.status() == 405 ? exists.withMessage(current.display() + " exists and is a file.",
                            null) : exists;
                }
                created = false;
            }
        }
        return new DirectoryCreated(path.display(), created);
    }

    private Deleted delete(DeleteInput input) {
        FilesPath path = FilesPath.of(input.path());
        if (path.isRoot()) {
            throw new InvalidToolInputException("the root folder cannot be deleted; give the path of a file or folder.");
        }
        boolean folder = files.stat(path).directory();
        files.delete(path, input.etag());
        return new Deleted(path.display(), folder, true);
    }

    private Transferred transfer(String method, TransferInput input) {
        FilesPath source = FilesPath.of(input.source());
        FilesPath destination = FilesPath.of(input.destination());
        if (source.isRoot() || destination.isRoot()) {
            throw new InvalidToolInputException("the root folder cannot be moved, copied or replaced.");
        }
        if (source.contains(destination)) {
            throw new InvalidToolInputException(destination.display() + " is " + source.display()
                    + " itself or lies inside it.");
        }
        boolean created = files.transfer(method, source, destination, Boolean.TRUE.equals(input.overwrite()));
        return new Transferred(source.display(), destination.display(), !created);
    }

    private SearchResults search(SearchInput input) {
        FilesPath under = FilesPath.of(input.under());
        int limit = input.limit() == null ? DEFAULT_LIMIT : input.limit();
        Predicate<DavEntry> matches = entry -> true;
        String nameLike = null;
        String typeLike = null;
        if (input.namePattern() != null && !input.namePattern().isBlank()) {
            Pattern name = NamePattern.regex(input.namePattern());
            nameLike = NamePattern.like(input.namePattern());
            matches = matches.and(entry -> name.matcher(lastSegment(entry.href())).matches());
        }
        if (input.mimeType() != null && !input.mimeType().isBlank()) {
            String wanted = input.mimeType().trim().toLowerCase(Locale.ROOT);
            boolean family = !wanted.contains("/") || wanted.endsWith("/") || wanted.endsWith("/*");
            String prefix = wanted.replaceAll("/?\\*?$", "") + "/";
            typeLike = family ? prefix + "%" : wanted;
            matches = matches.and(entry -> !entry.directory() && entry.contentType() != null
                    && (family ? mediaType(entry.contentType()).startsWith(prefix)
                            : mediaType(entry.contentType()).equals(wanted)));
        }
        boolean favorites = Boolean.TRUE.equals(input.favoritesOnly());
        if (favorites) {
            matches = matches.and(DavEntry::favorite);
        }
        Found found = files.search(under, nameLike, typeLike, favorites, limit, matches);
        return results(under, found);
    }

    private SearchResults favorites(LimitInput input) {
        return results(FilesPath.ROOT, files.favorites(input.limit() == null ? DEFAULT_LIMIT : input.limit()));
    }

    private SearchResults results(FilesPath under, Found found) {
        List<FileInfo> results = new ArrayList<>();
        for (DavEntry entry : found.entries()) {
            results.add(info(entry));
        }
        String method = switch (found.method()) {
            case DAV_SEARCH -> "dav-search";
            case FAVORITES_REPORT -> "favorites-report";
            case PROPFIND_WALK -> "folder-walk";
        };
        return new SearchResults(under.display(), method, found.truncated(), results.size(), results);
    }

    private FileInfo info(DavEntry entry) {
        FilesPath path = files.pathOf(entry);
        return new FileInfo(path.display(), path.name(), entry.directory() ? "folder" : "file",
                entry.size() == null ? -1 : entry.size(),
                entry.directory() ? "" : mediaType(nullToEmpty(entry.contentType())), nullToEmpty(entry.lastModified()),
                nullToEmpty(entry.etag()), entry.favorite(), nullToEmpty(entry.fileId()));
    }

    private static NextcloudTooLargeException tooLarge(FilesPath path, long size, int limit) {
        return new NextcloudTooLargeException(413, path.display() + " is " + size + " bytes; this tool returns at most "
                + limit + " bytes" + (limit < MAX_FILE_BYTES ? " (maxBytes)" : "") + ". Open it in Nextcloud instead.");
    }

    static boolean isText(String mimeType) {
        return mimeType.startsWith("text/") || TEXT_TYPES.contains(mimeType) || mimeType.endsWith("+json")
                || mimeType.endsWith("+xml");
    }

    /** The bytes as text if they are valid UTF-8 without NUL characters, else null. */
    private static String utf8(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }

    /** {@code text/plain; charset=utf-8} → {@code text/plain}. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/octet-stream";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static String lastSegment(String href) {
        String trimmed = href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
