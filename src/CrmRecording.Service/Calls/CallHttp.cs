namespace CrmRecording.Service.Calls;

/// <summary>The dialer API's answers: the one place the call flow's outcomes become HTTP statuses.</summary>
internal static class CallHttp
{
    /// <summary>403 for a token that names no CRM user, 503 when the CRM could not be asked.</summary>
    public static IResult Problem(CallerLookup lookup) => lookup switch
    {
        CallerLookup.NoCrmUser n => Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: n.Detail),
        CallerLookup.CrmUnavailable u => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: u.Detail),
        _ => throw new ArgumentException("The caller was found; there is no problem to answer.", nameof(lookup)),
    };

    public static IResult Problem(PlaceOutcome.Refused refused) => Results.Problem(
        statusCode: refused.Reason switch
        {
            PlaceRefusal.InvalidRequest => StatusCodes.Status400BadRequest,
            PlaceRefusal.NotFound => StatusCodes.Status404NotFound,
            PlaceRefusal.NotCallable => StatusCodes.Status422UnprocessableEntity,
            PlaceRefusal.CrmUnavailable or PlaceRefusal.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,
            PlaceRefusal.TelephonyRefused => StatusCodes.Status502BadGateway,
            _ => throw new ArgumentOutOfRangeException(nameof(refused), refused.Reason, null),
        },
        detail: refused.Detail);

    /// <summary>The call as it is now (its view), or the refusal with its status.</summary>
    public static IResult Answer(ControlOutcome outcome) => outcome switch
    {
        ControlOutcome.Done done => Results.Ok(CallView.From(done.Call)),
        ControlOutcome.Refused refused => Results.Problem(
            statusCode: refused.Reason switch
            {
                ControlRefusal.NoSuchCall => StatusCodes.Status404NotFound,
                ControlRefusal.NotYourCall => StatusCodes.Status403Forbidden,
                ControlRefusal.InvalidRequest => StatusCodes.Status400BadRequest,
                ControlRefusal.NotApplicable => StatusCodes.Status409Conflict,
                ControlRefusal.TelephonyRefused => StatusCodes.Status502BadGateway,
                _ => throw new ArgumentOutOfRangeException(nameof(outcome), refused.Reason, null),
            },
            detail: refused.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
