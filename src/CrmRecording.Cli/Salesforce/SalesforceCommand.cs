using System.CommandLine;
using System.Globalization;

namespace CrmRecording.Cli.Salesforce;

/// <summary><c>crmrec salesforce pack</c> and <c>crmrec salesforce register</c>: the sfdx package admins deploy into their org.</summary>
internal static class SalesforceCommand
{
    public const string SourceFolder = "solution-package/salesforce";

    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = $"The sfdx project (default: {SourceFolder} at or above the current folder).", HelpName = "DIR" };
        var output = new Option<string>("--out") { Description = "The zip to write (Metadata API format; replaced only when the source is valid).", HelpName = "FILE.zip", Required = true };
        var tools = new Option<string>("--tools") { Description = $"Where npm installed the sf CLI, Node 22 and the Apex parser (default: {SalesforceTools.DefaultFolder} at or above the current folder).", HelpName = "DIR" };
        var pack = new Command("pack", "Validate the sfdx source offline (known metadata types, well-formed XML, Apex syntax, fields and objects every component names), convert it with 'sf project convert source', check package.xml lists every component, and write the deployable zip.")
        {
            source, output, tools,
        };
        pack.SetAction(parse =>
        {
            var cwd = Directory.GetCurrentDirectory();
            var outcome = SalesforcePacker.Pack(parse.GetValue(source) ?? DefaultSource(cwd), parse.GetValue(output)!, parse.GetValue(tools), cwd);
            return Report(outcome, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });

        return new Command("salesforce", "Build and point the Salesforce package admins deploy.") { pack, Register(source) };
    }

    private static Command Register(Option<string> source)
    {
        var url = new Option<string>("--url") { Description = $"The media service's https base URL: the softphone is URL{RegisterOptions.DialerPath}, outbound messages go to URL{RegisterOptions.NotificationPath}SECRET.", HelpName = "MEDIA_SERVICE_URL", Required = true };
        var user = new Option<string>("--integration-user") { Description = "The username outbound messages are sent as (it must exist in the org): the media service's integration user.", HelpName = "USERNAME", Required = true };
        var secret = new Option<string>("--secret") { Description = $"The notification secret ({RegisterOptions.MinSecretLength}+ characters; default: a new one, printed once).", HelpName = "SECRET" };
        var output = new Option<string>("--out") { Description = "The folder to write the deploy-ready sfdx project to (default: artifacts/salesforce-deploy; it holds the secret).", HelpName = "DIR" };
        var register = new Command("register", "Write a deploy-ready copy of the package pointing its call center, remote site and outbound messages at the media service, and print the notification secret to set on the service.")
        {
            url, user, secret, source, output,
        };
        register.SetAction(parse =>
        {
            var cwd = Directory.GetCurrentDirectory();
            var options = RegisterOptions.Parse(parse.GetValue(url)!, parse.GetValue(user), parse.GetValue(secret));
            var root = Path.GetFullPath(parse.GetValue(source) ?? DefaultSource(cwd), cwd);
            if (!Directory.Exists(root))
            {
                throw new UsageException($"--source: {root} is not a folder.");
            }

            var target = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine("artifacts", "salesforce-deploy"), cwd);
            var problems = SalesforceRegistrar.Write(root, target, options);
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            if (problems.Count > 0)
            {
                return Report(new SalesforcePackOutcome.Invalid(root, problems), stdout, stderr);
            }

            stdout.WriteLine($"Wrote the deploy-ready package to {target} (it holds the notification secret: keep it out of source control).");
            stdout.WriteLine($"  softphone (call center CrmRecording_Dialer): {options.DialerUrl}");
            stdout.WriteLine($"  outbound messages (Contact, Lead), sent as {options.IntegrationUser}: {options.Base}{RegisterOptions.NotificationPath}<secret>");
            stdout.WriteLine("Set on the media service (the secret is shown this once):");
            stdout.WriteLine($"  Salesforce__NotificationSecret={options.Secret}");
            stdout.WriteLine("  Salesforce__OrganizationId=<the org's id: Setup > Company Information>");
            stdout.WriteLine("Then deploy it:");
            stdout.WriteLine($"  sf project deploy start --source-dir {Path.Combine(target, "force-app")} --target-org <alias>");
            return CrmrecApp.Ok;
        });
        return register;
    }

    /// <summary><see cref="SourceFolder"/> in the current folder or the nearest one above it that has it.</summary>
    private static string DefaultSource(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, SourceFolder);
            if (File.Exists(Path.Combine(candidate, "sfdx-project.json")))
            {
                return candidate;
            }
        }

        throw new UsageException($"--source: no {SourceFolder} in {from} or any folder above it; run from the repository or name the folder.");
    }

    private static int Report(SalesforcePackOutcome outcome, TextWriter output, TextWriter error)
    {
        switch (outcome)
        {
            case SalesforcePackOutcome.Packed packed:
                var counts = string.Join(", ", packed.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {c.Key}")));
                output.WriteLine($"Packed the Salesforce package: {counts}.");
                output.WriteLine(packed.Path);
                return CrmrecApp.Ok;
            case SalesforcePackOutcome.Invalid invalid:
                return ProblemReport.Invalid(invalid.Problems, invalid.Source, error);
            default:
                throw new InvalidOperationException($"Unhandled outcome {outcome}.");
        }
    }
}
