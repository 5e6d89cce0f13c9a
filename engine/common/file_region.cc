#include "engine/common/file_region.h"

#include <unistd.h>

namespace partita {

FileHandle::~FileHandle() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace partita
