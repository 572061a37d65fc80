using System.Collections.Concurrent;
using Amazon.Runtime;
using ImAudit.Engine.Inventory;

namespace ImAudit.Aws.Collection;

/// <summary>
/// Every read that failed, recorded and never thrown: access denied, throttled past all retries, timeouts,
/// malformed answers, and everything the deadline cut off. Thread-safe; listed in a stable order.
/// </summary>
internal sealed class CollectionErrors(CancellationToken deadline)
{
    private readonly ConcurrentQueue<CollectionError> _errors = new();

    public bool DeadlinePassed => deadline.IsCancellationRequested;

    /// <summary>
    /// Runs one read; on failure records it against <paramref name="resource"/> and returns null. An error with the
    /// code <paramref name="absent"/> is an answer (the thing does not exist), not a failure: null, nothing recorded.
    /// </summary>
    public async Task<T?> TryAsync<T>(string service, string operation, string resource, Func<CancellationToken, Task<T>> read, string? absent = null) where T : class
    {
        if (deadline.IsCancellationRequested)
        {
            Deadline(service, operation, resource);
            return null;
        }
        try
        {
            return await read(deadline).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (absent is not null && e.ErrorCode == absent)
        {
        }
        catch (AmazonServiceException e)
        {
            Add(service, operation, resource, string.IsNullOrEmpty(e.ErrorCode) ? "Error" : e.ErrorCode, e.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Deadline(service, operation, resource);
        }
        // The official clients (STS, S3) let connection failures and their own timeouts out after their retries.
        catch (Exception e) when (ConnectionFailure.Describe(e) is { } reason)
        {
            Add(service, operation, resource, "ConnectionError", reason);
        }
        return null;
    }


    /// <summary>
    /// Every item of a token-paged list, page by page until no next token; a page that fails is recorded and ends
    /// the list there (what came before is kept).
    /// </summary>
    public async Task<List<TItem>> AllPagesAsync<TPage, TItem>(string service, string operation, string resource,
        Func<string?, CancellationToken, Task<TPage>> read, Func<TPage, IEnumerable<TItem>> items, Func<TPage, string?> next) where TPage : class
    {
        var all = new List<TItem>();
        string? token = null;
        do
        {
            var current = token;
            var page = await TryAsync(service, operation, resource, ct => read(current, ct)).ConfigureAwait(false);
            if (page is null)
                break;
            all.AddRange(items(page));
            token = next(page);
        }
        while (token is not null);
        return all;
    }

    public void Add(string service, string operation, string resource, string code, string message) =>
        _errors.Enqueue(new CollectionError(service, operation, resource, code, Engine.MessageText.OneLine(message)));

    private void Deadline(string service, string operation, string resource) =>
        Add(service, operation, resource, "DeadlineExceeded", "the collection deadline passed before this was read");

    public IEnumerable<CollectionError> All =>
        _errors.OrderBy(e => e.Service, StringComparer.Ordinal).ThenBy(e => e.Operation, StringComparer.Ordinal).ThenBy(e => e.Resource, StringComparer.Ordinal);
}
