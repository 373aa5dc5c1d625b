package org.ncmcp.resource.apps.files;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Inputs and outputs of the Files tools; their JSON schemas are generated from these records. */
final class FilesToolModels {

    private FilesToolModels() {
    }

    record PathInput(
            @Schema(description = "Path inside your files, from your root folder; '/' or omitted for the root.",
                    example = "/Documents", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 4096) String path) {
    }

    record ReadFileInput(
            @Schema(description = "Path of the file inside your files.", example = "/Documents/report.md")
            @NotBlank @Size(max = 4096) String path,
            @Schema(description = "Largest file to return, in bytes (1 to 10485760, default 10485760). Larger files"
                    + " are refused with an error instead of being cut.", example = "1048576",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(FilesTools.MAX_FILE_BYTES) Integer maxBytes) {
    }

    record WriteFileInput(
            @Schema(description = "Path of the file inside your files; its folder must exist.",
                    example = "/Documents/todo.md") @NotBlank @Size(max = 4096) String path,
            @Schema(description = "The new content as text (UTF-8). Give this or contentBase64, not both.",
                    example = "# To do\n- renew passport", requiredMode = RequiredMode.NOT_REQUIRED) String content,
            @Schema(description = "The new content base64-encoded, for binary files. Give this or content.",
                    example = "iVBORw0KGgo=", requiredMode = RequiredMode.NOT_REQUIRED) String contentBase64,
            @Schema(description = "The etag from when you read the file: it is replaced only if unchanged since."
                    + " Omit when creating a new file.", example = "6436d084d4805",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String etag,
            @Schema(description = "Without an etag: replace an existing file anyway (default false: an existing"
                    + " file is never overwritten by accident).",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean overwrite,
            @Schema(description = "Media type to store, e.g. text/markdown; default from the content.",
                    example = "text/markdown", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String mimeType) {
    }

    record CreateDirectoryInput(
            @Schema(description = "Path of the new folder.", example = "/Projects/2026") @NotBlank @Size(max = 4096)
            String path,
            @Schema(description = "Also create missing parent folders, and succeed if the folder exists (default"
                    + " false).", requiredMode = RequiredMode.NOT_REQUIRED) Boolean parents) {
    }

    record DeleteInput(
            @Schema(description = "Path of the file or folder to delete; a folder goes with everything in it.",
                    example = "/Documents/old.txt") @NotBlank @Size(max = 4096) String path,
            @Schema(description = "Delete only if the item still has this etag.", example = "6436d084d4805",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String etag) {
    }

    record TransferInput(
            @Schema(description = "Path of the file or folder to move or copy.", example = "/Documents/draft.md")
            @NotBlank @Size(max = 4096) String source,
            @Schema(description = "Its new full path, including the name.", example = "/Archive/draft-2026.md")
            @NotBlank @Size(max = 4096) String destination,
            @Schema(description = "Replace what is at the destination (default false: an existing destination is"
                    + " an error and nothing changes).", requiredMode = RequiredMode.NOT_REQUIRED)
            Boolean overwrite) {
    }

    record SearchInput(
            @Schema(description = "Folder to search in, with everything below it; default your root folder.",
                    example = "/Documents", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 4096) String under,
            @Schema(description = "File name pattern, case-insensitive: '*' any characters, '?' one character;"
                    + " without wildcards, names containing the text.", example = "*.pdf",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String namePattern,
            @Schema(description = "Media type: exact (application/pdf) or a family (image, image/ or image/*).",
                    example = "image", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String mimeType,
            @Schema(description = "Only items marked as favorites.",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean favoritesOnly,
            @Schema(description = "Most results (1-200, default 50).", example = "50",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(200) Integer limit) {
    }

    record FindByNameInput(
            @Schema(description = "File name pattern, case-insensitive: '*' any characters, '?' one character;"
                    + " without wildcards, names containing the text.", example = "invoice*")
            @NotBlank @Size(max = 200) String pattern,
            @Schema(description = "Folder to search in; default your root folder.", example = "/",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 4096) String under,
            @Schema(description = "Most results (1-200, default 50).", example = "50",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(200) Integer limit) {
    }

    record FindByTypeInput(
            @Schema(description = "Media type: exact (application/pdf) or a family (image, image/ or image/*).",
                    example = "application/pdf") @NotBlank @Size(max = 200) String mimeType,
            @Schema(description = "Folder to search in; default your root folder.", example = "/Photos",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 4096) String under,
            @Schema(description = "Most results (1-200, default 50).", example = "50",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(200) Integer limit) {
    }

    record LimitInput(
            @Schema(description = "Most results (1-200, default 50).", example = "50",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(200) Integer limit) {
    }

    @Schema(description = "A file or folder.")
    record FileInfo(
            @Schema(description = "Path inside your files.") String path,
            @Schema(description = "Name.") String name,
            @Schema(description = "'file' or 'folder'.") String type,
            @Schema(description = "Size in bytes; -1 when the server does not tell (folders on plain WebDAV servers).")
            long sizeBytes,
            @Schema(description = "Media type; empty for folders.") String mimeType,
            @Schema(description = "Last modification as the server gives it (HTTP date).") String modified,
            @Schema(description = "Version tag; pass it to write or delete only this version.") String etag,
            @Schema(description = "Whether it is marked as a favorite.") boolean favorite,
            @Schema(description = "Nextcloud's file id; empty on servers without it.") String fileId) {
    }

    @Schema(description = "The contents of a folder, folders first.")
    record DirectoryListing(
            @Schema(description = "The folder.") String path,
            @Schema(description = "Number of entries.") int count,
            @Schema(description = "Entries.") List<FileInfo> entries) {
    }

    @Schema(description = "A file's content.")
    record FileContent(
            @Schema(description = "Path.") String path,
            @Schema(description = "Media type.") String mimeType,
            @Schema(description = "Size in bytes.") long sizeBytes,
            @Schema(description = "Version tag; pass it to nc_files_write_file to replace this version.") String etag,
            @Schema(description = "'utf-8' when content is the text itself, 'base64' for binary content.")
            String encoding,
            @Schema(description = "The content, as text or base64 according to encoding.") String content) {
    }

    @Schema(description = "A file after writing.")
    record FileWritten(
            @Schema(description = "Path.") String path,
            @Schema(description = "Whether a new file was created (false: an existing one was replaced).")
            boolean created,
            @Schema(description = "Size in bytes written.") long sizeBytes,
            @Schema(description = "New version tag; empty if the server did not tell.") String etag) {
    }

    @Schema(description = "A folder after creation.")
    record DirectoryCreated(
            @Schema(description = "Path.") String path,
            @Schema(description = "False when it already existed (with parents=true).") boolean created) {
    }

    @Schema(description = "The outcome of a deletion.")
    record Deleted(
            @Schema(description = "Path.") String path,
            @Schema(description = "Whether it was a folder (deleted with its contents).") boolean wasFolder,
            @Schema(description = "Always true; a failure is an error instead.") boolean deleted) {
    }

    @Schema(description = "The outcome of a move or copy.")
    record Transferred(
            @Schema(description = "Source path.") String source,
            @Schema(description = "Destination path.") String destination,
            @Schema(description = "Whether something at the destination was replaced.") boolean replacedExisting) {
    }

    @Schema(description = "Files found, in the server's order.")
    record SearchResults(
            @Schema(description = "The folder searched.") String under,
            @Schema(description = "How the server was searched: 'dav-search' (Nextcloud's WebDAV SEARCH),"
                    + " 'favorites-report' or 'folder-walk' (servers without SEARCH).") String method,
            @Schema(description = "True when more may exist than returned (limit reached or walk budget spent).")
            boolean truncated,
            @Schema(description = "Number of results.") int count,
            @Schema(description = "Results.") List<FileInfo> results) {
    }
}
