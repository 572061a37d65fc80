using System.Diagnostics;
using Amazon.Runtime;
using ImAudit.Aws.Collection;
using ImAudit.Engine.Inventory;

namespace ImAudit.Cli;

/// <summary>
/// <c>scan --live</c>: collects the account the environment's credentials reach (AWS_REGION, AWS_PROFILE, the
/// credential chain, AWS_ENDPOINT_URL…), within <c>--timeout</c>; shows progress when stderr is a terminal.
/// </summary>
internal static class LiveInput
{
    public static AccountInventory Collect(Arguments arguments, CliEnvironment environment, TextWriter stderr, TimeProvider time)
    {
        var timeout = arguments.Single("--timeout") is { } text
            ? int.TryParse(text, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new UsageException($"--timeout `{text}` is not a number of seconds")
            : TimeSpan.FromMinutes(10);
        // The timeout counts from here: credentials and a role to assume are part of reaching the account.
        using var deadline = new CancellationTokenSource(timeout);
        AwsClients clients;
        try
        {
            clients = AwsClientFactory.FromEnvironment(environment.Variables, arguments.Single("--region"), arguments.Single("--profile"), environment.Handler,
                arguments.Single("--role-arn"), arguments.Single("--external-id"), deadline.Token);
        }
        catch (AwsUnreachableException e)
        {
            throw new UsageException($"cannot assume `{Engine.MessageText.Inline(arguments.Single("--role-arn"))}`: {e.Message} (--timeout {timeout.TotalSeconds:0} s)");
        }
        catch (AmazonServiceException e)
        {
            throw new UsageException($"cannot assume `{arguments.Single("--role-arn")}`: {e.ErrorCode}: {Engine.MessageText.OneLine(e.Message)}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException(Engine.MessageText.OneLine(e.Message));
        }
        catch (Exception e) when (e is AmazonClientException || ConnectionFailure.Describe(e) is not null)
        {
            throw new UsageException($"cannot reach AWS: {Engine.MessageText.OneLine(ConnectionFailure.Describe(e) ?? e.Message)}");
        }
        var started = Stopwatch.StartNew();
        var progress = environment.Interactive ? new TerminalProgress(stderr) : null;
        AccountInventory inventory;
        try
        {
            inventory = new AccountCollector(clients).CollectAsync(time.GetUtcNow(), progress, deadline.Token).GetAwaiter().GetResult();
        }
        catch (AwsUnreachableException e)
        {
            progress?.Done();
            throw new UsageException(deadline.IsCancellationRequested ? $"{e.Message} (--timeout {timeout.TotalSeconds:0} s)" : e.Message);
        }
        progress?.Done();
        stderr.WriteLine($"collected account {inventory.AccountId} ({string.Join(", ", inventory.Regions)}): {inventory.Users.Length + inventory.Roles.Length} principals, " +
            $"{inventory.Policies.Length} managed policies, {inventory.ResponsePlans.Length} response plans, {inventory.Contacts.Length} contacts in {started.Elapsed.TotalSeconds:0.0} s" +
            (inventory.IsIncomplete ? $"; {inventory.CollectionErrors.Length} could not be read (see coverage)" : ""));
        return inventory;
    }
}
