package org.ncmcp.resource.tool;

import java.util.List;

/** The tools of one Nextcloud app. Each app package has one bean of this type. */
public interface ToolSet {

    List<NextcloudTool<?, ?>> tools();
}
