# Every third-party dependency is found here, once. Debian 12 packages: see scripts/install-deps.sh.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

if(CALLVAULT_BUILD_SERVER)
    find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS program_options)
    find_package(OpenSSL 3 REQUIRED)
    find_package(SQLite3 REQUIRED)
    find_package(CURL REQUIRED)
    pkg_check_modules(LAME REQUIRED IMPORTED_TARGET lame)          # MP3 encode (recordings) and decode (hip)
    pkg_check_modules(MPG123 REQUIRED IMPORTED_TARGET libmpg123)   # strict MP3 validation of uploads
    pkg_check_modules(OSIP2 REQUIRED IMPORTED_TARGET libosip2)     # SIP and SDP parsing/building
    # Boost 1.74's asio/awaitable.hpp lacks <utility>; GCC 12 in C++20 mode then fails on std::exchange.
    add_library(callvault_asio_fix INTERFACE)
    target_compile_options(callvault_asio_fix INTERFACE "SHELL:-include utility")
    target_compile_definitions(callvault_asio_fix INTERFACE BOOST_ASIO_NO_DEPRECATED)
endif()

if(CALLVAULT_BUILD_TESTS)
    find_package(GTest REQUIRED)
    include(GoogleTest)
endif()

if(CALLVAULT_BUILD_CLIENT)
    # Qt 6.4 (Debian 12) only: no API newer than 6.4 in client/.
    find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Network Multimedia LinguistTools)
    if(CALLVAULT_BUILD_TESTS)
        find_package(Qt6 6.4 REQUIRED COMPONENTS Test)
    endif()
    pkg_check_modules(SOUNDTOUCH REQUIRED IMPORTED_TARGET soundtouch)  # pitch-keeping playback speed
    if(NOT TARGET PkgConfig::MPG123)
        pkg_check_modules(MPG123 REQUIRED IMPORTED_TARGET libmpg123)   # MP3 → PCM for the player
    endif()
endif()
