-- wrk script: Dataverse webhook deliveries of a contact update, each with its own OperationId
-- (so none is a duplicate), authenticated with the key in CRMREC_BENCH_KEY.
local key = os.getenv("CRMREC_BENCH_KEY")
local template = [[{"BusinessUnitId":"b0000000-0000-4000-8000-000000000001","CorrelationId":"%s","Depth":1,"InitiatingUserId":"5e000000-0000-4000-8000-000000000004","InputParameters":[{"key":"Target","value":{"__type":"Entity:http:\/\/schemas.microsoft.com\/xrm\/2011\/Contracts","Attributes":[{"key":"telephone1","value":"+1 702 555 0102"},{"key":"contactid","value":"c0000000-0000-4000-8000-000000000002"}],"EntityState":null,"FormattedValues":[],"Id":"c0000000-0000-4000-8000-000000000002","KeyAttributes":[],"LogicalName":"contact","RelatedEntities":[],"RowVersion":null}}],"IsExecutingOffline":false,"IsInTransaction":false,"IsOfflinePlayback":false,"IsolationMode":1,"MessageName":"Update","Mode":1,"OperationCreatedOn":"\/Date(1506409448000-0700)\/","OperationId":"%s","OrganizationId":"0a000000-0000-4000-8000-000000000001","OrganizationName":"crmrecording","OutputParameters":[],"PostEntityImages":[],"PreEntityImages":[],"PrimaryEntityId":"c0000000-0000-4000-8000-000000000002","PrimaryEntityName":"contact","SecondaryEntityName":"none","SharedVariables":[],"Stage":40,"UserId":"5e000000-0000-4000-8000-000000000004"}]]
local counter = 0
-- wrk-seed.lua, found beside this script (wrk loads it by the path it was given, e.g. scripts/bench-range.lua).
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "") .. "wrk-seed.lua")
local function uuid()
  counter = counter + 1
  return string.format("%08x-%04x-4%03x-8%03x-%012x", math.random(0, 0x7fffffff), math.random(0, 0xffff), math.random(0, 0xfff), math.random(0, 0xfff), counter * 65536 + math.random(0, 0xffff))
end
request = function()
  return wrk.format("POST", "/webhooks/dataverse?code=" .. key, { ["Content-Type"] = "application/json" }, string.format(template, uuid(), uuid()))
end
