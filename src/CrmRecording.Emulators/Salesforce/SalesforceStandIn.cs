using CrmRecording.Emulators.Hosting;
using System.Text.Json.Nodes;
using CrmRecording.Emulators.Journal;
using CrmRecording.Emulators.Salesforce.Auth;
using CrmRecording.Emulators.Salesforce.Automation;
using CrmRecording.Emulators.Salesforce.Faults;
using CrmRecording.Emulators.Salesforce.Http;
using CrmRecording.Emulators.Salesforce.Journal;
using CrmRecording.Emulators.Salesforce.Org;
using CrmRecording.Emulators.Salesforce.Seed;
using Microsoft.AspNetCore.Builder;

namespace CrmRecording.Emulators.Salesforce;

/// <summary>
/// A Salesforce org on loopback: a login host (the OAuth token endpoint, client credentials and JWT bearer) and an
/// instance host (the REST subset this product uses: SOQL query with paging, sObject retrieve/create/update/upsert,
/// sObject Collections), each on its own free port of 127.0.0.1, over an in-memory org with
/// <see cref="SalesforceSeed"/>. Clients use <see cref="LoginAddress"/> as their login URL; the token answer names
/// <see cref="InstanceAddress"/>, which is the only host serving data.
/// </summary>
public sealed class SalesforceStandIn : IAsyncDisposable
{
    private readonly OrgStore store = new();
    private readonly SessionBook sessions = new();
    private readonly RestHandler handler;
    private WebApplication? app;
    private Uri? login;
    private Uri? instance;
    private bool disposed;

    public SalesforceStandIn(SalesforceStandInOptions? options = null)
    {
        Options = options ?? new SalesforceStandInOptions();
        Options.ThrowIfInvalid();
        Faults.SessionsExpired += sessions.ExpireAll;
        var tokens = new TokenHandler(Options, store, sessions, () => LoginAddress, () => InstanceAddress);
        handler = new RestHandler(Options, store, sessions, tokens, Faults, Requests, () => LoginAddress.Port);
        OutboundMessages = new OutboundMessages(Options, () => InstanceAddress);
        store.Changed += OutboundMessages.OnChanged;
        store.Validate = TaskGate.Check;
    }

    /// <summary>The org's automation: the Outbound Messages its Contact and Lead flows send, and their delivery.</summary>
    public OutboundMessages OutboundMessages { get; }

    public SalesforceStandInOptions Options { get; }

    public SalesforceFaults Faults { get; } = new();

    /// <summary>Every request received, on either host.</summary>
    public RequestJournal<SalesforceRequest> Requests { get; } = new();

    /// <summary>The login host, <c>http://127.0.0.1:PORT/</c>: the token endpoint only.</summary>
    public Uri LoginAddress => login ?? throw new InvalidOperationException("The Salesforce stand-in has not been started.");

    /// <summary>The instance host, <c>http://127.0.0.1:PORT2/</c>: where data is read and written.</summary>
    public Uri InstanceAddress => instance ?? throw new InvalidOperationException("The Salesforce stand-in has not been started.");

    /// <summary>A copy of a record as stored (every field), for tests to check what was written; null when none.</summary>
    public JsonObject? Record(string type, string id) => RecordIds.Normalize(id) is { } canonical ? store.Get(type, canonical) : null;

    /// <summary>Copies of every record of an object, in creation order.</summary>
    public IReadOnlyList<JsonObject> Records(string type) => store.All(type);

    /// <summary>
    /// Saves changes to records as a user would in the org (a form, a list edit, a data load): validation rules apply
    /// and the org's flows run, so a Contact or Lead whose input fields change is sent to the service.
    /// </summary>
    /// <param name="asUserId">Who saves; by default the seeded sales rep.</param>
    public void Edit(string type, IEnumerable<(string Id, JsonObject Fields)> changes, string? asUserId = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (id, fields) in changes)
        {
            store.Update(type, RecordIds.Normalize(id) ?? throw new ArgumentException($"'{id}' is not a record id.", nameof(changes)), fields, asUserId ?? SalesforceSeed.Users.SalesRep, Options.TimeProvider.GetUtcNow());
        }
    }

    /// <summary>Creates records as a user would (an import): validation rules apply and the org's flows run.</summary>
    /// <returns>The new records' ids, in order.</returns>
    public IReadOnlyList<string> Create(string type, IEnumerable<JsonObject> records, string? asUserId = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return [.. records.Select(r => store.Insert(type, r, asUserId ?? SalesforceSeed.Users.SalesRep, Options.TimeProvider.GetUtcNow()))];
    }

    /// <summary>Loads the seed data (unless turned off), listens on two free loopback ports and returns the login address.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (app is not null)
        {
            throw new InvalidOperationException("The Salesforce stand-in is already started.");
        }

        if (Options.LoadSeedData)
        {
            SeedLoader.Load(store);
        }

        (app, var addresses) = await LoopbackHost.StartAsync(handler.HandleAsync, [0, 0], cancellationToken).ConfigureAwait(false);
        login = addresses[0];
        instance = addresses[1];
        OutboundMessages.Start();
        return login;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Faults.SessionsExpired -= sessions.ExpireAll;
        await OutboundMessages.DisposeAsync().ConfigureAwait(false);
        await LoopbackHost.StopAsync(app).ConfigureAwait(false);
    }
}
