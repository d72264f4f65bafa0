#include "server/app/admin_cli.h"

#include "server/app/admin_commands.h"
#include "server/app/config_loader.h"
#include "server/app/data_dir.h"
#include "server/store/store.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>

namespace callvault::server {
namespace {

struct OptionSpec {
    std::string name;
    bool required = false;
    bool flag = false;  ///< takes no value
};

struct Command {
    std::string name;
    std::string synopsis;
    std::vector<OptionSpec> options;
    std::function<void(const admin::Options&, store::Store&, std::ostream&)> run;
};

const std::vector<Command>& commands() {
    static const std::vector<Command> list{
        {"create-company",
         "--name N --retention-days D --time-zone TZ",
         {{"name", true}, {"retention-days", true}, {"time-zone", true}},
         admin::createCompany},
        {"create-admin",
         "--company ID --login L --name N [--email E]",
         {{"company", true}, {"login", true}, {"name", true}, {"email"}},
         admin::createAdmin},
        {"create-provider",
         "--login L --name N [--email E]",
         {{"login", true}, {"name", true}, {"email"}},
         admin::createProvider},
        {"add-number",
         "--company ID --number NUM --functions inbound,outbound|inbound|outbound --effective-date "
         "YYYY-MM-DD "
         "[--user LOGIN] [--activated]",
         {{"company", true},
          {"number", true},
          {"functions", true},
          {"effective-date", true},
          {"user"},
          {"activated", false, true}},
         admin::addNumber},
        {"list-numbers", "--company ID", {{"company", true}}, admin::listNumbers},
        {"list-companies", "", {}, admin::listCompanies},
        {"activate-number",
         "--company ID --number NUM",
         {{"company", true}, {"number", true}},
         admin::activateNumber},
        {"seed-recordings",
         "--company ID --count N [--days D] [--seed S] [--files link|copy|none] [--pool-size K]",
         {{"company", true}, {"count", true}, {"days"}, {"seed"}, {"files"}, {"pool-size"}},
         admin::seedRecordings},
        {"purge-expired", "", {}, admin::purgeExpired},
    };
    return list;
}

std::string usage() {
    std::string text =
        "Usage: callvaultd admin <command> [--data-dir DIR | --config FILE] [options]\n\nCommands:\n";
    for (const auto& command : commands()) {
        text += "  " + command.name + (command.synopsis.empty() ? "" : " " + command.synopsis) + "\n";
    }
    text += "\nWithout --data-dir or --config the default data directory (./callvault-data) is used.\n";
    return text;
}

/// Splits `--name value` / `--name=value` / `--flag` into `options`; returns an error message or nothing.
std::optional<std::string> parseOptions(const Command& command, const std::vector<std::string>& args,
                                        admin::Options& options) {
    std::vector<OptionSpec> known = command.options;
    known.push_back({"data-dir"});
    known.push_back({"config"});
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
            return "unexpected argument '" + arg + "'";
        }
        const auto equals = arg.find('=');
        const auto name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        const auto spec =
            std::find_if(known.begin(), known.end(), [&](const OptionSpec& s) { return s.name == name; });
        if (spec == known.end()) {
            return "unknown option '--" + name + "' for " + command.name;
        }
        if (options.count(name) != 0) {
            return "--" + name + " is given twice";
        }
        if (spec->flag) {
            if (equals != std::string::npos) {
                return "--" + name + " takes no value";
            }
            options[name] = "true";
        } else if (equals != std::string::npos) {
            options[name] = arg.substr(equals + 1);
        } else if (i + 1 < args.size()) {
            options[name] = args[++i];
        } else {
            return "--" + name + " needs a value";
        }
    }
    for (const auto& spec : command.options) {
        if (spec.required && options.count(spec.name) == 0) {
            return "missing --" + spec.name;
        }
    }
    return std::nullopt;
}

/// The data directory from --config and/or --data-dir (the flag wins), like the server reads it.
std::optional<std::string> dataDirectory(const admin::Options& options, std::string& error) {
    std::vector<std::string> configArgs;
    if (options.count("config") != 0) {
        configArgs = {"--config", options.at("config")};
    }
    if (options.count("data-dir") != 0) {
        configArgs.push_back("--data-dir=" + options.at("data-dir"));
    }
    const auto loaded = loadConfig(configArgs);
    if (!loaded.ok()) {
        error = loaded.error;
        return std::nullopt;
    }
    return loaded.config.dataDir;
}

}  // namespace

int runAdminCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        err << usage();
        return 2;
    }
    if (args.front() == "help" || args.front() == "--help" || args.front() == "-h") {
        out << usage();
        return 0;
    }
    const auto command = std::find_if(commands().begin(), commands().end(),
                                      [&](const Command& c) { return c.name == args.front(); });
    if (command == commands().end()) {
        err << "callvaultd admin: unknown command '" << args.front() << "'\n\n" << usage();
        return 2;
    }
    admin::Options options;
    if (const auto problem = parseOptions(*command, args, options)) {
        err << "callvaultd admin " << command->name << ": " << *problem << "\nUsage: callvaultd admin "
            << command->name << " " << command->synopsis << "\n";
        return 2;
    }
    std::string error;
    const auto dataDir = dataDirectory(options, error);
    if (!dataDir) {
        err << "callvaultd admin: " << error << "\n";
        return 2;
    }
    // Commands that write files (seed-recordings) need the resolved folder, not only the flags.
    options["data-dir"] = *dataDir;
    try {
        prepareDataDirectory(*dataDir);
        const auto store = store::openSqliteStore(databasePath(*dataDir));
        command->run(options, *store, out);
        return 0;
    } catch (const admin::UsageError& e) {
        err << "callvaultd admin " << command->name << ": " << e.what() << "\n";
        return 2;
    } catch (const admin::RefusedError& e) {
        err << "callvaultd admin " << command->name << ": refused: " << e.what() << "\n";
        return 1;
    } catch (const store::ConflictError& e) {
        err << "callvaultd admin " << command->name << ": refused: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        err << "callvaultd admin " << command->name << ": failed: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace callvault::server
