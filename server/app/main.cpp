#include "server/app/server_app.h"

int main(int argc, char** argv) {
    return callvault::server::callvaultdMain(argc, argv);
}
