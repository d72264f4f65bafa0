if(CALLVAULT_SANITIZE)
    # UBSan's vptr, alignment and null checks are a third of this build's compile time and add little here:
    # ASan already stops at any null dereference, wire data is read through bytes and memcpy, and the code
    # does no downcasts that vptr would check.
    add_compile_options(-fsanitize=address,undefined -fno-sanitize=vptr,alignment,null -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined -fno-sanitize=vptr,alignment,null)
endif()
