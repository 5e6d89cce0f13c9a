# Packaging: `cpack -G DEB` in the build directory makes partita_<version>_<arch>.deb.
# Included last from the top-level CMakeLists (OPTIONAL), after every target is defined, so the
# install rules below only name executables this configuration actually builds.

include(GNUInstallDirs)

foreach(program partita partita-broker partita-cli)
  if(TARGET ${program})
    install(TARGETS ${program} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT partita)
  endif()
endforeach()

if(TARGET partita)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/partita.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT partita)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/io.github.partita.Partita.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT partita)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/partita.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT partita)
  # PNG icons for desktops without SVG support, rendered from the SVG at build time.
  set(partita_icon_sizes 16 32 48 64 128 256)
  set(partita_icon_dir ${PROJECT_BINARY_DIR}/icons/hicolor)
  add_executable(render_icons ${PROJECT_SOURCE_DIR}/installer/render_icons.cpp)
  target_link_libraries(render_icons PRIVATE Qt6::Gui Qt6::Svg partita_warnings)
  set(partita_icon_pngs)
  foreach(size IN LISTS partita_icon_sizes)
    list(APPEND partita_icon_pngs ${partita_icon_dir}/${size}x${size}/partita.png)
  endforeach()
  add_custom_command(OUTPUT ${partita_icon_pngs}
    COMMAND render_icons ${PROJECT_SOURCE_DIR}/resources/icons/partita.svg ${partita_icon_dir}
            ${partita_icon_sizes}
    DEPENDS render_icons ${PROJECT_SOURCE_DIR}/resources/icons/partita.svg
    COMMENT "Rendering PNG icons")
  add_custom_target(partita_icons ALL DEPENDS ${partita_icon_pngs})
  foreach(size IN LISTS partita_icon_sizes)
    install(FILES ${partita_icon_dir}/${size}x${size}/partita.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT partita)
  endforeach()
endif()

# The broker as a system service (installed, not enabled) and its example configuration.
if(TARGET partita-broker)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/files/server.properties
          DESTINATION /etc/partita COMPONENT partita)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/files/partita-broker.service
          DESTINATION lib/systemd/system COMPONENT partita)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/files/server.properties
          DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples COMPONENT partita)
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "partita")
set(CPACK_PACKAGE_VENDOR "Partita")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop workbench and Kafka-compatible broker")
# One string (not a list): CPack would join list items with ';'.
set(CPACK_PACKAGE_DESCRIPTION "Partita runs a local Kafka-compatible cluster (partita-broker with \
ZooKeeper) and shows its topics, consumer groups, log segments and messages in a Qt desktop app \
(partita). partita-cli administers clusters from the command line.")
set(CPACK_PACKAGE_CONTACT "Partita maintainers <partita@localhost>")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "partita")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Shared-library dependencies (Qt, QCustomPlot, zstd, ...) come from dpkg-shlibdeps; what it cannot
# see is listed by hand: ZooKeeper and a JRE to run it, and the Qt SVG plugins the icons need.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "zookeeper, default-jre-headless, libqt6svg6")
# Without a CJK font the Chinese interface shows empty boxes.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk")
# dpkg keeps a user's edits of the broker configuration across upgrades.
if(TARGET partita-broker)
  file(WRITE ${PROJECT_BINARY_DIR}/debian/conffiles "/etc/partita/server.properties\n")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/debian/conffiles)
endif()

include(CPack)
