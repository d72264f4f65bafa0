# Warnings for our own targets only (never for third-party headers, which come in as SYSTEM).
add_library(callvault_warnings INTERFACE)
target_compile_options(callvault_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(CALLVAULT_WERROR)
    target_compile_options(callvault_warnings INTERFACE -Werror)
endif()
