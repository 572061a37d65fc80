using ImAudit.Aws.Storage;
using ImAudit.Engine.Baselines;

namespace ImAudit.Aws.Pipeline;

/// <summary>
/// The baseline configuration a run audits against: <c>IMAUDIT_BASELINE</c>'s object in the report bucket (its
/// includes beside it), with <c>IMAUDIT_TRUSTED_ACCOUNTS</c> added; empty when neither is set. A missing or invalid
/// configuration stops the run (one line): auditing against the wrong baseline would report the wrong findings.
/// </summary>
public static class BaselineLoader
{
    public static async Task<BaselineConfiguration> LoadAsync(IReportStore store, FunctionSettings settings, CancellationToken cancellationToken)
    {
        var configuration = BaselineConfiguration.Empty;
        if (settings.BaselineKey is { } key)
        {
            var stored = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the baseline configuration `{key}` (IMAUDIT_BASELINE) is not in the report bucket");
            var directory = key.Contains('/', StringComparison.Ordinal) ? key[..(key.LastIndexOf('/') + 1)] : "";
            var result = BaselineConfigurationReader.Read(stored.Body, key, name => store.ReadAsync(directory + name, cancellationToken).GetAwaiter().GetResult()?.Body);
            configuration = result.Configuration ?? throw new InvalidOperationException(result.Errors[0]);
        }
        return configuration.TrustingAlso(settings.TrustedAccounts);
    }
}
