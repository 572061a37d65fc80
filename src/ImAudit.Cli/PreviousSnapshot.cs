using ImAudit.Engine.Drift;
using ImAudit.Engine.Organizations;

namespace ImAudit.Cli;

/// <summary><c>--previous SNAPSHOT|DIR</c>: a snapshot file, or a report folder holding <c>snapshot.json</c>. Unreadable is a usage error.</summary>
internal static class PreviousSnapshot
{
    public static AuditSnapshot? Read(string? path)
    {
        if (File(path) is not { } file)
            return null;
        var bytes = PolicyFiles.ReadBytes(file);
        if (OrganizationSnapshot.Recognises(bytes))
            throw new UsageException($"`{file}` is the snapshot of an organization audit; this scan is of one account");
        return AuditSnapshot.Read(bytes, file, out var error) ?? throw new UsageException(error!);
    }

    /// <summary>The previous snapshot of an organization audit (<c>scan DIR</c> over several accounts).</summary>
    public static OrganizationSnapshot? ReadOrganization(string? path)
    {
        if (File(path) is not { } file)
            return null;
        return OrganizationSnapshot.Read(PolicyFiles.ReadBytes(file), file, out var error) ?? throw new UsageException(error!);
    }

    /// <summary>
    /// The base run of <c>--out</c>'s history, when no <c>--previous</c> is given: one that cannot serve (unreadable,
    /// another account, an organization's) is a warning and no comparison, not an error — the folder is ImAudit's own.
    /// </summary>
    public static AuditSnapshot? ReadBase(string? path, string accountId, TextWriter stderr)
    {
        try
        {
            var snapshot = Read(path);
            if (snapshot is null || snapshot.AccountId == accountId)
                return snapshot;
            stderr.WriteLine($"imaudit: warning: `{path}` is a snapshot of account {snapshot.AccountId}, not {accountId}: not compared (keep one --out folder per account)");
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"imaudit: warning: not compared with the previous run: {e.Message}");
        }
        return null;
    }

    /// <summary>The organization scan's <see cref="ReadBase"/>.</summary>
    public static OrganizationSnapshot? ReadOrganizationBase(string? path, TextWriter stderr)
    {
        try
        {
            return ReadOrganization(path);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"imaudit: warning: not compared with the previous run: {e.Message}");
            return null;
        }
    }

    private static string? File(string? path)
    {
        if (path is null)
            return null;
        var file = Directory.Exists(path) ? Path.Combine(path, "snapshot.json") : path;
        if (!System.IO.File.Exists(file))
            throw new UsageException(Directory.Exists(path) ? $"`{path}` holds no snapshot.json (write one with `imaudit scan --out {path}`)" : $"`{path}` does not exist");
        return file;
    }
}
