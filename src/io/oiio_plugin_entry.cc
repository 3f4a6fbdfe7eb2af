// The plugin's one entry point: the table of oiio_impl functions.
#include "io/oiio_impl.h"
#include "io/oiio_plugin.h"

extern "C" __attribute__((visibility("default"))) const stackshot::OiioPlugin* StackshotOiioPlugin() {
  using namespace stackshot;
  static const OiioPlugin plugin = [] {
    OiioPlugin table;
    table.version = kOiioPluginVersion;
    table.open_image_file = &oiio_impl::OpenImageFile;
    table.describe_image_file = &oiio_impl::DescribeImageFile;
    table.open_image_sequence = &oiio_impl::OpenImageSequence;
    table.write_image_pages = &oiio_impl::WriteImagePages;
    table.write_rgba = &oiio_impl::WriteRgba;
    table.read_rgba = &oiio_impl::ReadRgba;
    return table;
  }();
  return &plugin;
}
