#include "client/app/app_controller.h"

#include <QApplication>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    callvault::client::AppController::setUpApplication();
    callvault::client::AppController controller;
    if (!controller.start()) {
        return 0;
    }
    return QApplication::exec();
}
