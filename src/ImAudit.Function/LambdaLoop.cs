namespace ImAudit.Function;

/// <summary>
/// The runtime loop: take the next invocation, set the trace ID, run the handler, post its response or its error;
/// until the runtime API answers 5xx or goes away, which ends the process.
/// </summary>
internal static class LambdaLoop
{
    /// <summary>A handler: the event bytes and the invocation in, the response bytes out. It never sees HTTP.</summary>
    public delegate Task<byte[]> Handler(Invocation invocation, CancellationToken cancellationToken);

    public static async Task<int> RunAsync(RuntimeApiClient runtime, Handler handler, FunctionLog log, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await runtime.NextAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RuntimeApiUnavailableException e)
            {
                log.Write("ERROR", e.Message);
                return 1;
            }
            log.RequestId = invocation.RequestId;
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
            try
            {
                byte[] response;
                try
                {
                    response = await handler(invocation, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not RuntimeApiUnavailableException)
                {
                    var type = e is InvalidEventException ? "InvalidEvent" : e.GetType().Name;
                    log.Write("ERROR", $"{type}: {e.Message}");
                    await runtime.ErrorAsync(invocation.RequestId, type, Engine.MessageText.OneLine(e.Message), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await runtime.RespondAsync(invocation.RequestId, response, cancellationToken).ConfigureAwait(false);
            }
            catch (RuntimeApiUnavailableException e)
            {
                log.Write("ERROR", e.Message);
                return 1;
            }
            finally
            {
                log.RequestId = null;
            }
        }
        return 0;
    }
}

/// <summary>The event cannot be read as an audit request; the invocation fails with this message.</summary>
internal sealed class InvalidEventException(string message) : Exception(message);
