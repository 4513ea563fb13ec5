namespace CrmRecording.Emulators.Dataverse.Limits;

/// <summary>
/// Enforces <see cref="ServiceProtectionLimits"/> on the stand-in's Web API, per user: a request over a limit is
/// refused with 429 and a Retry-After saying when the window will have room again. Keeps what tests assert: every
/// refusal, and how many requests a user sent while a Retry-After announced to them was still running.
/// </summary>
public sealed class ServiceProtection
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Usage> users = [];
    private readonly List<ServiceProtectionRefusal> refusals = [];
    private readonly TimeProvider time;
    private int sentDuringRetryAfter;

    internal ServiceProtection(ServiceProtectionLimits limits, TimeProvider time)
    {
        Limits = limits;
        this.time = time;
    }

    public ServiceProtectionLimits Limits { get; }

    public IReadOnlyList<ServiceProtectionRefusal> Refusals
    {
        get
        {
            lock (gate)
            {
                return [.. refusals];
            }
        }
    }

    /// <summary>Requests received from a user before the end of a Retry-After the stand-in had answered that user.</summary>
    public int RequestsDuringRetryAfter
    {
        get
        {
            lock (gate)
            {
                return sentDuringRetryAfter;
            }
        }
    }

    /// <summary>Admits a request of <paramref name="user"/> (then <see cref="Leave"/> must follow) or says which limit refuses it.</summary>
    internal ServiceProtectionRefusal? Enter(Guid user)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var usage = users.TryGetValue(user, out var known) ? known : users[user] = new Usage();
            if (now < usage.RetryAt)
            {
                sentDuringRetryAfter++;
            }

            if (!Limits.Enabled)
            {
                usage.Concurrent++;
                return null;
            }

            usage.Prune(now - Limits.Window);
            var refusal = Refusal(usage, now);
            if (refusal is null)
            {
                usage.Requests.Enqueue(now);
                usage.Concurrent++;
                return null;
            }

            var answered = new ServiceProtectionRefusal(now, user, refusal.Value.Limit, WholeSeconds(refusal.Value.Wait));
            usage.RetryAt = answered.RetryAt > usage.RetryAt ? answered.RetryAt : usage.RetryAt;
            refusals.Add(answered);
            return answered;
        }
    }

    /// <summary>An admitted request ended after <paramref name="executionTime"/>.</summary>
    internal void Leave(Guid user, TimeSpan executionTime)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var usage = users[user];
            usage.Concurrent--;
            if (Limits.Enabled)
            {
                usage.Executions.Enqueue((now, executionTime));
                usage.ExecutionTotal += executionTime;
            }
        }
    }

    private (ServiceProtectionLimit Limit, TimeSpan Wait)? Refusal(Usage usage, DateTimeOffset now)
    {
        if (usage.Requests.Count >= Limits.MaxRequests)
        {
            // Room comes back when the oldest request in the window leaves it.
            return (ServiceProtectionLimit.Requests, usage.Requests.Peek() + Limits.Window - now);
        }

        if (usage.ExecutionTotal >= Limits.MaxExecutionTime)
        {
            var left = usage.ExecutionTotal;
            foreach (var (at, cost) in usage.Executions)
            {
                left -= cost;
                if (left < Limits.MaxExecutionTime)
                {
                    return (ServiceProtectionLimit.ExecutionTime, at + Limits.Window - now);
                }
            }
        }

        return usage.Concurrent >= Limits.MaxConcurrentRequests ? (ServiceProtectionLimit.ConcurrentRequests, Limits.ConcurrencyRetryAfter) : null;
    }

    /// <summary>Dataverse sends Retry-After in whole seconds; rounding up keeps a client that honours it out of the limit.</summary>
    private static TimeSpan WholeSeconds(TimeSpan wait) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));

    private sealed class Usage
    {
        public Queue<DateTimeOffset> Requests { get; } = new();

        public Queue<(DateTimeOffset At, TimeSpan Cost)> Executions { get; } = new();

        public TimeSpan ExecutionTotal { get; set; }

        public int Concurrent { get; set; }

        public DateTimeOffset RetryAt { get; set; } = DateTimeOffset.MinValue;

        public void Prune(DateTimeOffset windowStart)
        {
            while (Requests.TryPeek(out var at) && at <= windowStart)
            {
                Requests.Dequeue();
            }

            while (Executions.TryPeek(out var e) && e.At <= windowStart)
            {
                ExecutionTotal -= Executions.Dequeue().Cost;
            }
        }
    }
}
