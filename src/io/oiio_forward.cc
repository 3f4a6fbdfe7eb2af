// The OpenImageIO entry points of oiio_source.h and oiio_write.h: each loads the
// plugin (oiio_plugin.h) and calls its implementation.
#include "io/oiio_plugin.h"
#include "io/oiio_source.h"
#include "io/oiio_write.h"

namespace stackshot {

Result<std::shared_ptr<Source>> OpenImageFile(const std::string& path) {
  ASSIGN_OR_RETURN(const OiioPlugin* plugin, LoadOiioPlugin("to read " + path));
  return plugin->open_image_file(path);
}

Result<ImageFileInfo> DescribeImageFile(const std::string& path) {
  ASSIGN_OR_RETURN(const OiioPlugin* plugin, LoadOiioPlugin("to read " + path));
  return plugin->describe_image_file(path);
}

Status WriteImagePages(const std::string& path, const std::vector<Array>& pages) {
  ASSIGN_OR_RETURN(const OiioPlugin* plugin, LoadOiioPlugin("to write " + path));
  return plugin->write_image_pages(path, pages);
}

}  // namespace stackshot
