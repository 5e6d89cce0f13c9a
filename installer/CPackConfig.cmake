# Packaging: `cpack -G DEB` in the build directory makes three Debian packages, as Debian splits a server
# from its clients: `partita` (the desktop app, which embeds the engine and starts ZooKeeper for local
# clusters), `partita-broker` (the daemon and its systemd unit, depending only on what it links) and
# `partita-tools` (partita-cli and partita-perf). The CPack component of each install rule names its package.
# Included last from the top-level CMakeLists (OPTIONAL), after every target is defined, so the install rules
# below only name executables this configuration actually builds.

include(GNUInstallDirs)

# Debian's per-package documentation: copyright, the changelog (changelog.gz: a native package) compressed
# with gzip -9n (reproducible: no name, no time in the gzip header), and a man page per program.
set(partita_deb_dir ${PROJECT_BINARY_DIR}/debian)
file(MAKE_DIRECTORY ${partita_deb_dir})
execute_process(COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/installer/debian/changelog
                OUTPUT_FILE ${partita_deb_dir}/changelog.gz COMMAND_ERROR_IS_FATAL ANY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/installer/debian/changelog)

set(partita_packages)
# Installs `program` (when this configuration builds it) with its man page into package `package`, known to
# CPack as `component`; the package's first program also brings its copyright and changelog.
function(partita_program component package program)
  if(NOT TARGET ${program})
    return()
  endif()
  install(TARGETS ${program} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${component})
  execute_process(COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/installer/man/${program}.1
                  OUTPUT_FILE ${partita_deb_dir}/${program}.1.gz COMMAND_ERROR_IS_FATAL ANY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/installer/man/${program}.1)
  install(FILES ${partita_deb_dir}/${program}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT ${component})
  if(NOT component IN_LIST partita_packages)
    install(FILES ${PROJECT_SOURCE_DIR}/installer/debian/copyright ${partita_deb_dir}/changelog.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
    set(partita_packages ${partita_packages} ${component} PARENT_SCOPE)
  endif()
endfunction()
partita_program(app partita partita)
partita_program(broker partita-broker partita-broker)
partita_program(tools partita-tools partita-cli)
partita_program(tools partita-tools partita-perf)

if(TARGET partita)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/partita.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT app)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/io.github.partita.Partita.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT app)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/partita.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT app)
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
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT app)
  endforeach()
endif()

# The broker as a system service (installed, not enabled) and its example configuration.
if(TARGET partita-broker)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/files/server.properties
          DESTINATION /etc/partita COMPONENT broker)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/files/partita-broker.service
          DESTINATION lib/systemd/system COMPONENT broker)
  install(FILES ${PROJECT_SOURCE_DIR}/installer/files/server.properties
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/partita-broker/examples COMPONENT broker)
endif()

set(PARTITA_DEB_MAINTAINER "Partita Maintainers <maintainers@partita.dev>" CACHE STRING
    "Maintainer field of the Debian packages (whoever publishes them)")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "partita")
set(CPACK_PACKAGE_VENDOR "Partita")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${PARTITA_DEB_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL ${partita_packages})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/partita/partita")
# Shared-library dependencies (Qt, QCustomPlot, zstd, ...) come from dpkg-shlibdeps; what it cannot see
# is listed by hand per package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Maintainer scripts get 0755 and control files 0644, as lintian expects.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# The desktop app: local clusters embed the engine and start a real ZooKeeper (Java); the Qt SVG plugin
# draws the icons; without a CJK font the Chinese interface shows empty boxes. libqt6keychain1 comes from
# dpkg-shlibdeps; a Secret Service (gnome-keyring) keeps remembered passwords, without one they last a session.
set(CPACK_DEBIAN_APP_PACKAGE_NAME "partita")
set(CPACK_DEBIAN_APP_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "zookeeper, default-jre-headless, libqt6svg6")
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "fonts-noto-cjk, partita-tools, gnome-keyring")
set(CPACK_DEBIAN_APP_DESCRIPTION "desktop workbench for Kafka clusters
Partita runs local Kafka-compatible clusters (its own broker engine with a
ZooKeeper server it starts) and attaches to remote Kafka clusters. It shows
topics, partitions with their replicas and in-sync replicas, consumer groups
with lag over time, log segments and messages, and acts on them.")

# The daemon: only what it links (dpkg-shlibdeps) and a ZooKeeper ensemble somewhere, usually local.
set(CPACK_DEBIAN_BROKER_PACKAGE_NAME "partita-broker")
set(CPACK_DEBIAN_BROKER_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_BROKER_PACKAGE_RECOMMENDS "zookeeperd")
set(CPACK_DEBIAN_BROKER_PACKAGE_SUGGESTS "partita-tools")
set(CPACK_DEBIAN_BROKER_DESCRIPTION "Kafka-compatible broker
partita-broker speaks the Kafka wire protocol, so Kafka clients use it as
they use Kafka. It keeps Kafka's on-disk log format, replicates partitions
with in-sync replica sets and coordinates through ZooKeeper. The package
installs a systemd unit, not enabled, and /etc/partita/server.properties.")
file(WRITE ${partita_deb_dir}/conffiles "/etc/partita/server.properties\n")
foreach(script postinst prerm postrm)
  configure_file(${PROJECT_SOURCE_DIR}/installer/debian/broker-${script} ${partita_deb_dir}/${script} COPYONLY)
endforeach()
set(CPACK_DEBIAN_BROKER_PACKAGE_CONTROL_EXTRA
    "${partita_deb_dir}/conffiles;${partita_deb_dir}/postinst;${partita_deb_dir}/prerm;${partita_deb_dir}/postrm")

# The tools: partita-cli (its `cluster up` starts ZooKeeper when asked for a local cluster) and partita-perf.
set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME "partita-tools")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SUGGESTS "zookeeper, default-jre-headless")
set(CPACK_DEBIAN_TOOLS_DESCRIPTION "command-line tools for Kafka clusters
partita-cli administers Kafka clusters with the flags of Kafka's own tools
(topics, configs, consumer groups, reassignments, leader elections,
offsets, log dumps) and runs local clusters; partita-perf measures producer
and consumer throughput and latency.")

include(CPack)
