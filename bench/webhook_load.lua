-- wrk script: loads planbot's Telegram webhook (POST /telegram/webhook) with realistic
-- Update bodies. Run by bench/run-webhook-bench.sh, or by hand against a running planbot:
--
--   BENCH_SECRET=<webhook secret> wrk -t2 -c64 -d20s -s bench/webhook_load.lua http://127.0.0.1:18080
--
-- Mix: 80% natural questions, 20% "/hjelp" commands; private chats and groups (group
-- questions start with "@planbot" and carry a mention entity, group commands are
-- "/hjelp@planbot"). Every request has a unique update_id: each wrk thread counts up in
-- its own range of 100,000,000 ids above BENCH_UPDATE_ID_BASE (default 100000000).
-- done() prints latency percentiles, requests/s and the non-2xx count as "bench.*" lines.
-- BENCH_PATH (default /telegram/webhook) sends the same bodies elsewhere, e.g. to an
-- unknown path that planbot answers 404 at once: the HTTP-only floor of this machine.

local secret = os.getenv("BENCH_SECRET") or "bench-secret"
local id_base = tonumber(os.getenv("BENCH_UPDATE_ID_BASE") or "100000000")
local ids_per_thread = 100000000
local path = os.getenv("BENCH_PATH") or "/telegram/webhook"

-- ---- main state: give every thread its own id range, keep them for done() ----
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_index", #threads)
end

-- ---- per-thread state ----
local questions = {
    "hva skjer i mai", "ka skjer neste uke", "når er fylkesårsmøtet?", "hvem har ansvar for partiskatt",
    "kva skjer i helga", "hva skjer i dag", "hva skjer i morgen", "hva skjer i mars 2027",
    "når er miljøprisen", "hvem har ansvar for nr. 9", "ka skjer i juni?", "hva skjer neste måned",
    "Hva skjer i uke 12?", "når er årsmøtet", "hvem har ansvar for sosiale medier", "hva skjer i år",
}
local first_names = { "Kari", "Ola", "Ingrid", "Per", "Siri", "Jon", "Marte", "Lars", "Åse", "Øyvind" }
local groups = { "Trøndelag SV", "SV Trondheim", "SV Stjørdal", "SV Levanger", "SV Steinkjer", "Fylkesstyret",
                 "SV Orkland", "SV Malvik", "AU Trøndelag SV", "SV Namsos" }

local headers = {
    ["Content-Type"] = "application/json",
    ["X-Telegram-Bot-Api-Secret-Token"] = secret,
}

local next_id, date
sent = 0   -- global, so done() can read it with thread:get("sent")
local users = {}   -- JSON "from" objects
local chats = {}   -- JSON "chat" objects: 1..#users private, then groups

local function json_string(text) return '"' .. text .. '"' end  -- our texts need no escaping

function init(args)
    next_id = id_base + (thread_index - 1) * ids_per_thread
    date = os.time()
    math.randomseed(thread_index * 7919)
    -- 200 users (each with a private chat) and 20 groups: replies spread over many chats.
    for i = 1, 200 do
        local name = first_names[(i % #first_names) + 1]
        local user_id = 5000000000 + i * 7717
        users[i] = string.format('{"id":%d,"is_bot":false,"first_name":%s,"last_name":"Nordmann","username":"medlem%d","language_code":"nb"}',
                                 user_id, json_string(name), i)
        chats[i] = string.format('{"id":%d,"first_name":%s,"last_name":"Nordmann","username":"medlem%d","type":"private"}',
                                 user_id, json_string(name), i)
    end
    for g = 1, 20 do
        chats[200 + g] = string.format('{"id":%d,"title":%s,"type":"supergroup"}',
                                       -1001000000000 - g * 1013, json_string(groups[(g % #groups) + 1] .. " " .. g))
    end
end

-- The "text" and "entities" members for one message.
local function text_part(is_group, is_command, question)
    if is_command then
        local command = is_group and "/hjelp@planbot" or "/hjelp"
        return string.format('"text":"%s","entities":[{"offset":0,"length":%d,"type":"bot_command"}]', command, #command)
    end
    if is_group then
        -- "@planbot" is ASCII, so its length in UTF-16 units is its byte length (8).
        return '"text":"@planbot ' .. question .. '","entities":[{"offset":0,"length":8,"type":"mention"}]'
    end
    return '"text":"' .. question .. '"'
end

-- Requests are pre-built once, on a thread's first request() (as the wrk manual
-- advises: formatting every request in request() about doubled wrk's CPU per request). Each of the 1000 variants is
-- a full HTTP request split where the 9-digit update_id goes (it doubles as message_id),
-- so request() only joins five strings. Ids stay 9 digits (8 threads at most), so the
-- pre-computed Content-Length stays right.
local variants, variant_count, placeholder = {}, 1000, "#########"

local function build_variants()
    for i = 1, variant_count do
        local user = math.random(1, 200)
        local is_group = math.random() < 0.4          -- 40% of traffic comes from groups
        local chat = is_group and chats[200 + math.random(1, 20)] or chats[user]
        local is_command = (i % 10) >= 8              -- exactly 20% commands
        local body = string.format('{"update_id":%s,"message":{"message_id":%s,"from":%s,"chat":%s,"date":%d,%s}}',
                                   placeholder, placeholder, users[user], chat, date,
                                   text_part(is_group, is_command, questions[math.random(1, #questions)]))
        local text = wrk.format("POST", path, headers, body)
        local a = text:find(placeholder, 1, true)
        local b = text:find(placeholder, a + #placeholder, true)
        variants[i] = { text:sub(1, a - 1), text:sub(a + #placeholder, b - 1), text:sub(b + #placeholder) }
    end
end

function request()
    if #variants == 0 then build_variants() end
    local id = next_id
    next_id = next_id + 1
    sent = sent + 1
    assert(id < 1000000000, "update_id outgrew 9 digits")
    local v = variants[(sent % variant_count) + 1]
    local digits = string.format("%d", id)
    return v[1] .. digits .. v[2] .. digits .. v[3]
end

function done(summary, latency, requests)
    local generated = 0
    for _, thread in ipairs(threads) do generated = generated + (thread:get("sent") or 0) end
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    -- wrk counts status >= 400 in errors.status; planbot answers nothing in 1xx/3xx.
    local non2xx = errors.status
    io.write(string.format("bench.requests=%d\n", summary.requests))
    io.write(string.format("bench.ok_2xx=%d\n", summary.requests - non2xx))
    io.write(string.format("bench.non_2xx=%d\n", non2xx))
    io.write(string.format("bench.socket_errors=%d\n", errors.connect + errors.read + errors.write + errors.timeout))
    io.write(string.format("bench.generated=%d\n", generated))
    io.write(string.format("bench.duration_s=%.2f\n", seconds))
    io.write(string.format("bench.requests_per_s=%.0f\n", summary.requests / seconds))
    for _, p in ipairs({ 50, 90, 99, 99.9 }) do
        io.write(string.format("bench.latency_p%s_ms=%.3f\n", tostring(p), latency:percentile(p) / 1000))
    end
    io.write(string.format("bench.latency_max_ms=%.3f\n", latency.max / 1000))
end
