# Warnings for our own targets only (never for third-party headers, which come in as SYSTEM).
add_library(callvault_warnings INTERFACE)
target_compile_options(callvault_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(CMAKE_UNITY_BUILD)
    # CI builds unity batches (scripts/run-tests.sh: half the compile time). A batch includes each .cpp into
    # another, so GCC takes a pimpl's member of an anonymous-namespace type for a header's
    # (-Wsubobject-linkage, meant for headers), and inlines across files enough for -Wnull-dereference to
    # flag std::string and nlohmann::json internals. Both stay on in ordinary builds.
    target_compile_options(callvault_warnings INTERFACE -Wno-subobject-linkage -Wno-null-dereference)
endif()
if(CALLVAULT_WERROR)
    target_compile_options(callvault_warnings INTERFACE -Werror)
endif()
