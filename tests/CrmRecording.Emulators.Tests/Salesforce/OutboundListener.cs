using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using System.Xml.Linq;
using CrmRecording.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmRecording.Emulators.Tests.Salesforce;

/// <summary>A listener for the stand-in's Outbound Messages on loopback: keeps each message and answers as scripted.</summary>
internal sealed class OutboundListener : IAsyncDisposable
{
    private static readonly XNamespace Outbound = "http://soap.sforce.com/2005/09/outbound";
    private readonly Channel<XDocument> received = Channel.CreateUnbounded<XDocument>();
    private readonly ConcurrentQueue<bool> script = new();
    private WebApplication? app;

    public Uri Address { get; private set; } = null!;

    /// <summary>Answers to give, in order: true acknowledges, false answers a fault; once spent, every message is acknowledged.</summary>
    public void Answer(params bool[] answers)
    {
        foreach (var answer in answers)
        {
            script.Enqueue(answer);
        }
    }

    public static async Task<OutboundListener> StartAsync()
    {
        var listener = new OutboundListener();
        (listener.app, var addresses) = await LoopbackHost.StartAsync(listener.HandleAsync, [0], CancellationToken.None);
        listener.Address = new Uri(addresses[0], "webhooks/salesforce/secret-of-the-test-listener");
        return listener;
    }

    /// <summary>The next message received, within a generous time.</summary>
    public async Task<XDocument> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await received.Reader.ReadAsync(timeout.Token);
    }

    public bool TryNext(out XDocument? message) => received.Reader.TryRead(out message);

    public static IReadOnlyList<XElement> Notifications(XDocument message) => [.. message.Descendants(Outbound + "Notification")];

    public static string Text(XDocument message, string name) => message.Descendants(Outbound + name).Single().Value;

    public ValueTask DisposeAsync() => new(LoopbackHost.StopAsync(app));

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        received.Writer.TryWrite(XDocument.Parse(body));
        var ack = !script.TryDequeue(out var scripted) || scripted;
        context.Response.StatusCode = ack ? 200 : 500;
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(ack
            ? """<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>"""
            : """<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>busy</faultstring><detail/></soapenv:Fault></soapenv:Body></soapenv:Envelope>""");
    }
}
