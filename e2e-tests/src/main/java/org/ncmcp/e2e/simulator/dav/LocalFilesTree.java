package org.ncmcp.e2e.simulator.dav;

import java.nio.file.Path;

/**
 * Where a DAV server keeps {@code /remote.php/dav/files/<user>/} on this machine, so the simulator's Notes,
 * Cookbook and share APIs can use the very same files (nextcloud-api.md §2.1 item 1).
 *
 * @param root the folder holding one sub-folder per user id
 * @param fileIdIndex where the server reads the simulator's file ids from to answer {@code oc:fileid}; null when
 *     it cannot report them
 */
public record LocalFilesTree(Path root, Path fileIdIndex) {
}
