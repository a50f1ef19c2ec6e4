"""The demo Jenkins answers like real Jenkins (jenkins-api.md §14 and the sections it cites)."""

from __future__ import annotations

import json
import re
import time

import httpx
import pytest

from jtui.demo import DemoJenkins

pytestmark = pytest.mark.demo

NOTE = re.compile(rb"\x1b\[8mha:[A-Za-z0-9+/=]*\x1b\[0m")


def wait_for(predicate, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def queue_id(response: httpx.Response) -> int:
    match = re.search(r"/queue/item/(\d+)/$", response.headers["location"])
    assert match, response.headers.get("location")
    return int(match.group(1))


# -- authentication (§2) ----------------------------------------------------------------------


def test_wrong_token_is_401_with_basic_challenge(demo: DemoJenkins) -> None:
    response = httpx.get(demo.url + "api/json", auth=(demo.user, "11" + "0" * 32))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Basic realm="Jenkins"'
    assert "x-jenkins" not in response.headers


def test_malformed_basic_header_is_401(demo: DemoJenkins) -> None:
    response = httpx.get(demo.url + "api/json", headers={"Authorization": "Basic bm9jb2xvbg=="})
    assert response.status_code == 401


def test_anonymous_gets_403_with_diagnostic_headers(demo: DemoJenkins) -> None:
    response = httpx.get(demo.url + "api/json")
    assert response.status_code == 403
    assert response.headers["x-jenkins"]
    assert response.headers["x-you-are-authenticated-as"] == "anonymous"
    assert response.headers["x-required-permission"] == "hudson.model.Hudson.Read"
    assert response.headers.get_list("x-permission-implied-by") == [
        "hudson.security.Permission.GenericRead",
        "hudson.model.Hudson.Administer",
    ]
    assert "login?from=" in response.text


def test_who_am_i_is_readable_anonymously_and_says_authenticated(demo: DemoJenkins) -> None:
    anonymous = httpx.get(demo.url + "whoAmI/api/json").json()
    assert anonymous["anonymous"] is True
    assert anonymous["authenticated"] is True  # the surprise the client must not trust
    assert anonymous["name"] == "anonymous"
    known = httpx.get(demo.url + "whoAmI/api/json", auth=(demo.user, demo.token)).json()
    assert known == {
        "_class": "hudson.security.WhoAmI",
        "anonymous": False,
        "authenticated": True,
        "authorities": ["authenticated"],
        "name": demo.user,
    }


def test_me_needs_a_login(demo: DemoJenkins) -> None:
    response = httpx.get(demo.url + "me/api/json")
    assert response.status_code == 403
    assert response.headers["x-you-are-authenticated-as"] == "anonymous"
    me = httpx.get(demo.url + "me/api/json", auth=(demo.user, demo.token)).json()
    assert me["id"] == demo.user
    assert {"_class": "jenkins.security.ApiTokenProperty"} in me["property"]


def test_user_without_build_permission_gets_403_naming_it(demo: DemoJenkins) -> None:
    with demo.instance.lock:
        viewer_token = "11" + "ab" * 16
        demo.instance.users["viewer"].add_token("t", viewer_token, 0)
    response = httpx.post(demo.url + "job/testJob/build", auth=("viewer", viewer_token))
    assert response.status_code == 403
    assert response.headers["x-you-are-authenticated-as"] == "viewer"
    assert response.headers["x-required-permission"] == "hudson.model.Item.Build"


# -- JSON export (§1.1, §6) -------------------------------------------------------------------


def test_api_json_headers_and_class(http: httpx.Client) -> None:
    response = http.get("api/json")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-jenkins"]
    assert re.fullmatch(r"[0-9a-f]{8}", response.headers["x-jenkins-session"])
    assert response.json()["_class"] == "hudson.model.Hudson"


def test_depth_zero_shows_only_high_visibility_fields_of_nested_objects(
    http: httpx.Client,
) -> None:
    jobs = http.get("api/json").json()["jobs"]
    test_job = next(j for j in jobs if j["name"] == "testJob")
    assert set(test_job) == {"_class", "name", "url", "color"}
    folder = next(j for j in jobs if j["name"] == "platform")
    assert set(folder) == {"_class", "name", "url"}  # folders have no color


def test_depth_one_shows_nested_details(http: httpx.Client) -> None:
    jobs = http.get("api/json", params={"depth": "1"}).json()["jobs"]
    test_job = next(j for j in jobs if j["name"] == "testJob")
    assert "builds" in test_job and "healthReport" in test_job


def test_tree_with_nested_brackets_and_ranges(http: httpx.Client) -> None:
    raw = http.get("api/json", params={"tree": "jobs[name,jobs[name]{0,2}]{0,3}"}).json()
    assert len(raw["jobs"]) == 3
    platform = http.get("job/platform/api/json", params={"tree": "jobs[name,jobs[name]{1,}]"})
    backend = next(j for j in platform.json()["jobs"] if j["name"] == "backend")
    assert [j["name"] for j in backend["jobs"]] == ["worker", "services"]
    single = http.get("job/testJob/api/json", params={"tree": "builds[number]{0}"}).json()
    assert single["builds"] == [{"_class": "hudson.model.FreeStyleBuild", "number": 6}]


def test_tree_bare_name_gives_class_stubs(http: httpx.Client) -> None:
    raw = http.get("api/json", params={"tree": "jobs[name,jobs]"}).json()
    platform = next(j for j in raw["jobs"] if j["name"] == "platform")
    assert platform["jobs"] and all(set(child) == {"_class"} for child in platform["jobs"])


def test_class_is_written_whatever_tree_says(http: httpx.Client) -> None:
    raw = http.get("whoAmI/api/json", params={"tree": "authenticated"}).json()
    assert raw == {"_class": "hudson.security.WhoAmI", "authenticated": True}


def test_malformed_tree_and_depth_are_500(http: httpx.Client) -> None:
    assert http.get("api/json", params={"tree": "jobs[name"}).status_code == 500
    assert http.get("api/json", params={"tree": "jobs[]"}).status_code == 500
    assert http.get("api/json", params={"depth": "x"}).status_code == 500


def test_jsonp_is_forbidden(http: httpx.Client) -> None:
    assert http.get("api/json", params={"jsonp": "f"}).status_code == 403


def test_parameter_definitions_in_property_and_in_actions(http: httpx.Client) -> None:
    raw = http.get("job/platform/job/infra/job/terraform-plan/api/json").json()
    (prop,) = raw["property"]
    assert prop["_class"] == "hudson.model.ParametersDefinitionProperty"
    default = prop["parameterDefinitions"][0]["defaultParameterValue"]
    assert set(default) == {"_class", "name", "value"}
    in_actions = raw["actions"][0]["parameterDefinitions"][0]["defaultParameterValue"]
    assert set(in_actions) == {"_class", "value"}  # one level deeper: no name


def test_pipeline_jobs_list_parameters_only_in_property(http: httpx.Client) -> None:
    raw = http.get("job/deploy-service/api/json").json()
    assert raw["property"][0]["parameterDefinitions"]
    assert all("parameterDefinitions" not in action for action in raw["actions"])
    types = {d["type"] for d in raw["property"][0]["parameterDefinitions"]}
    assert types == {
        "StringParameterDefinition",
        "TextParameterDefinition",
        "BooleanParameterDefinition",
        "ChoiceParameterDefinition",
        "PasswordParameterDefinition",
        "RunParameterDefinition",
        "FileParameterDefinition",
        "CredentialsParameterDefinition",
    }
    password = next(
        d for d in raw["property"][0]["parameterDefinitions"] if d["name"] == "DEPLOY_KEY"
    )
    assert "value" not in password["defaultParameterValue"]
    file_param = next(
        d for d in raw["property"][0]["parameterDefinitions"] if d["name"] == "CONFIG_FILE"
    )
    assert file_param["defaultParameterValue"] is None


def test_multibranch_branch_names_are_encoded_twice_in_urls(http: httpx.Client) -> None:
    raw = http.get("job/webapp/api/json", params={"tree": "jobs[name,displayName,url]"}).json()
    branch = next(j for j in raw["jobs"] if j["displayName"] == "feature/login")
    assert branch["name"] == "feature%2Flogin"
    assert branch["url"].endswith("/job/webapp/job/feature%252Flogin/")
    assert http.get("job/webapp/job/feature%252Flogin/api/json").status_code == 200


def test_names_with_spaces_and_non_ascii(http: httpx.Client) -> None:
    raw = http.get("api/json", params={"tree": "jobs[name,url]"}).json()
    urls = {j["name"]: j["url"] for j in raw["jobs"]}
    assert urls["Release Notes"].endswith("/job/Release%20Notes/")
    assert urls["Übersetzung prüfen"].endswith("/job/%C3%9Cbersetzung%20pr%C3%BCfen/")
    assert http.get("job/%E3%83%87%E3%83%BC%E3%82%BF%E5%90%8C%E6%9C%9F/api/json").status_code == 200


def test_colors_follow_results_and_running_builds(http: httpx.Client) -> None:
    colors = {
        j["name"]: j["color"]
        for j in http.get("api/json", params={"tree": "jobs[name,color]"}).json()["jobs"]
        if "color" in j
    }
    assert colors["legacy-nightly"] == "disabled"
    assert colors["never-built"] == "notbuilt"
    assert colors["lint-checks"] == "yellow"
    assert colors["long-soak-test"].endswith("_anime")


def test_running_build_has_result_null_and_duration_zero(http: httpx.Client) -> None:
    build = http.get("job/long-soak-test/lastBuild/api/json").json()
    assert build["building"] is True and build["result"] is None and build["duration"] == 0
    assert build["_class"] == "org.jenkinsci.plugins.workflow.job.WorkflowRun"


def test_unknown_job_and_build_are_404(http: httpx.Client) -> None:
    assert http.get("job/nope/api/json").status_code == 404
    assert http.get("job/testJob/999/api/json").status_code == 404
    assert http.get("job/never-built/lastBuild/api/json").status_code == 404


# -- crumbs (§3) ------------------------------------------------------------------------------


def password_demo() -> DemoJenkins:
    return DemoJenkins(time_scale=50, password="s3cret-pw")


def test_password_post_needs_crumb_and_its_session_cookie() -> None:
    with password_demo() as demo:
        auth = (demo.user, "s3cret-pw")
        refused = httpx.post(demo.url + "job/testJob/build", auth=auth)
        assert refused.status_code == 403
        assert "No valid crumb was included in the request" in refused.text
        with httpx.Client(base_url=demo.url, auth=auth) as session:
            issued = session.get("crumbIssuer/api/json")
            assert issued.cookies, "the crumb issuer must start a session"
            crumb = issued.json()
            assert crumb["crumbRequestField"] == "Jenkins-Crumb"
            assert re.fullmatch(r"[0-9a-f]{64}", crumb["crumb"])
            ok = session.post("job/testJob/build", headers={"Jenkins-Crumb": crumb["crumb"]})
            assert ok.status_code == 201
        without_cookie = httpx.post(
            demo.url + "job/testJob/build", auth=auth, headers={"Jenkins-Crumb": crumb["crumb"]}
        )
        assert without_cookie.status_code == 403


def test_token_post_needs_no_crumb(demo: DemoJenkins) -> None:
    assert (
        httpx.post(demo.url + "job/testJob/build", auth=(demo.user, demo.token)).status_code == 201
    )


def test_token_with_same_user_session_cookie_needs_a_crumb_again(demo: DemoJenkins) -> None:
    """§3.3: a session that already knows the user makes Jenkins skip the token header."""
    with httpx.Client(base_url=demo.url, auth=(demo.user, demo.token)) as session:
        crumb = session.get("crumbIssuer/api/json").json()["crumb"]
        assert session.post("job/testJob/build").status_code == 403
        assert (
            session.post("job/testJob/build", headers={"Jenkins-Crumb": crumb}).status_code == 201
        )


# -- triggering (§4) --------------------------------------------------------------------------


def test_build_gives_201_and_absolute_queue_location(http: httpx.Client, demo: DemoJenkins) -> None:
    response = http.post("job/testJob/build")
    assert response.status_code == 201
    assert response.headers["location"].startswith(demo.url + "queue/item/")
    assert response.content == b""


def test_second_trigger_in_quiet_period_merges(http: httpx.Client) -> None:
    first = http.post("job/testJob/build", params={"delay": "60sec"})
    second = http.post("job/testJob/build")
    assert second.status_code == 201
    assert queue_id(first) == queue_id(second)


def test_build_with_get_is_405(http: httpx.Client) -> None:
    response = http.get("job/testJob/build")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_disabled_job_is_409(http: httpx.Client) -> None:
    response = http.post("job/legacy-nightly/build")
    assert response.status_code == 409
    assert "legacy-nightly is not buildable" in response.text


def test_build_with_parameters_and_merge_as_303(http: httpx.Client) -> None:
    path = "job/platform/job/infra/job/terraform-plan/buildWithParameters"
    data = {"WORKSPACE": "prod", "AUTO_APPROVE": "true", "delay": "60sec"}
    first = http.post(path, data=data)
    assert first.status_code == 201
    again = http.post(path, data=data)
    assert again.status_code == 303
    assert queue_id(again) == queue_id(first)
    different = http.post(path, data={**data, "WORKSPACE": "dev"})
    assert different.status_code == 201 and queue_id(different) != queue_id(first)


def test_build_with_parameters_errors(http: httpx.Client) -> None:
    path = "job/platform/job/infra/job/terraform-plan/buildWithParameters"
    assert http.post("job/testJob/buildWithParameters").status_code == 400
    assert http.post(path, data={"WORKSPACE": "moon"}).status_code == 500
    assert http.post(path + "?WORKSPACE=dev", data={"WORKSPACE": "prod"}).status_code == 500
    assert http.post(path, data={"UNKNOWN": "ignored"}).status_code == 201
    assert http.get(path).status_code == 405


def test_parameterized_build_endpoint_needs_json(http: httpx.Client) -> None:
    path = "job/platform/job/infra/job/terraform-plan/build"
    assert http.post(path).status_code == 400
    assert "Nothing is submitted" in http.post(path).text
    assert http.post(path, data={"delay": "0sec"}).status_code == 400
    assert http.post(path, data={"json": "{not json"}).status_code == 500
    unknown = json.dumps({"parameter": [{"name": "NOPE", "value": "x"}]})
    assert http.post(path, data={"json": unknown}).status_code == 500
    good = json.dumps({"parameter": [{"name": "WORKSPACE", "value": "dev"}]})
    assert http.post(path, data={"json": good}).status_code == 201
    assert http.get(path).status_code == 200  # the parameter form page


def test_delay_without_unit_is_milliseconds(http: httpx.Client, demo: DemoJenkins) -> None:
    http.post("job/testJob/build", params={"delay": "5000"})  # 5 s in Jenkins time
    item = http.get("queue/api/json").json()["items"]
    waiting = next(i for i in item if i["task"]["name"] == "testJob")
    due_in = waiting["timestamp"] - waiting["inQueueSince"]
    assert due_in == demo.instance.clock.span(5)
    assert http.post("job/testJob/build", params={"delay": "soon"}).status_code == 500


# -- queue (§5) -------------------------------------------------------------------------------


def test_queue_lifecycle_waiting_buildable_left() -> None:
    # Slower time: the moment a left item has no build yet lasts 0.1 s here.
    with (
        DemoJenkins(time_scale=5) as demo,
        httpx.Client(base_url=demo.url, auth=(demo.user, demo.token)) as http,
    ):
        _follow_lifecycle(http)


def _follow_lifecycle(http: httpx.Client) -> None:
    item_id = queue_id(http.post("job/testJob/build"))
    url = f"queue/item/{item_id}/api/json"
    first = http.get(url).json()
    assert first["_class"] == "hudson.model.Queue$WaitingItem"
    assert first["why"].startswith("In the quiet period. Expires in")
    assert first["url"] == f"queue/item/{item_id}/"
    seen = {first["_class"]}
    left_without_build = False
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        raw = http.get(url).json()
        seen.add(raw["_class"])
        if raw["_class"].endswith("LeftItem"):
            if raw["executable"] is None:
                left_without_build = True
            else:
                assert raw["executable"]["number"] == 7
                break
        time.sleep(0.002)
    assert "hudson.model.Queue$LeftItem" in seen
    assert left_without_build, "a left item shows executable: null before its build exists"
    build = http.get("job/testJob/7/api/json").json()
    assert build["queueId"] == item_id


def test_blocked_item_explains_why(http: httpx.Client) -> None:
    item_id = queue_id(http.post("job/long-soak-test/build", params={"delay": "0sec"}))
    raw = wait_for(
        lambda: (r := http.get(f"queue/item/{item_id}/api/json").json())["blocked"] and r
    )
    assert raw["_class"] == "hudson.model.Queue$BlockedItem"
    assert re.match(r"Build #7 is already in progress \(ETA: .+\)", raw["why"])


def test_stuck_item_on_offline_label(http: httpx.Client) -> None:
    items = http.get("queue/api/json").json()["items"]
    stuck = next(i for i in items if i["task"]["name"] == "windows-installer")
    assert stuck["stuck"] is True
    assert stuck["why"] == "‘windows-agent-1’ is offline"


def test_cancel_item_204_then_500_then_404(http: httpx.Client, demo: DemoJenkins) -> None:
    item_id = queue_id(http.post("job/testJob/build", params={"delay": "60sec"}))
    assert http.post("queue/cancelItem", params={"id": item_id}).status_code == 204
    left = http.get(f"queue/item/{item_id}/api/json").json()
    assert left["cancelled"] is True and left["executable"] is None
    assert http.post("queue/cancelItem", params={"id": item_id}).status_code == 500
    assert http.post("queue/cancelItem", params={"id": 999999}).status_code == 404
    assert http.get("queue/cancelItem", params={"id": item_id}).status_code == 405


def test_left_items_expire_after_five_minutes() -> None:
    with (
        DemoJenkins(time_scale=1000) as demo,
        httpx.Client(base_url=demo.url, auth=(demo.user, demo.token)) as http,
    ):
        item_id = queue_id(http.post("job/testJob/build", params={"delay": "600sec"}))
        http.post("queue/cancelItem", params={"id": item_id})
        assert http.get(f"queue/item/{item_id}/api/json").status_code == 200
        time.sleep(demo.instance.clock.span(300) / 1000 + 0.2)
        assert http.get(f"queue/item/{item_id}/api/json").status_code == 404


def test_queue_lists_live_items_only(http: httpx.Client) -> None:
    item_id = queue_id(http.post("job/testJob/build", params={"delay": "60sec"}))
    listed = http.get("queue/api/json").json()
    assert listed["_class"] == "hudson.model.Queue"
    assert item_id in [i["id"] for i in listed["items"]]
    http.post("queue/cancelItem", params={"id": item_id})
    assert item_id not in [i["id"] for i in http.get("queue/api/json").json()["items"]]


# -- console (§9) -----------------------------------------------------------------------------


def test_progressive_text_while_running(http: httpx.Client) -> None:
    response = http.get("job/long-soak-test/7/logText/progressiveText", params={"start": 0})
    assert response.status_code == 200
    assert response.headers["x-more-data"] == "true"
    size = int(response.headers["x-text-size"])
    assert b"\r\n" in response.content and b"\n" not in response.content.replace(b"\r\n", b"")
    assert NOTE.search(response.content), "≥ 2.509 sends console notes"
    assert response.content.endswith(b"\r\n")
    assert size >= len(response.content) - response.content.count(b"\r\n")
    past_end = http.get("job/long-soak-test/7/logText/progressiveText", params={"start": 10**9})
    assert past_end.content.startswith(response.content[:100])  # the whole log again
    assert (
        http.get("job/long-soak-test/7/logText/progressiveText", params={"start": "x"}).status_code
        == 500
    )


def test_progressive_text_when_finished_and_console_text(http: httpx.Client) -> None:
    response = http.get("job/testJob/6/logText/progressiveText", params={"start": 0})
    assert "x-more-data" not in response.headers
    assert int(response.headers["x-text-size"]) == len(response.content) - response.content.count(
        b"\r\n"
    )
    console = http.get("job/testJob/6/consoleText").content
    assert not NOTE.search(console)
    assert console.endswith(b"Finished: SUCCESS\n")
    assert NOTE.sub(b"", response.content).replace(b"\r\n", b"\n") == console
    at_end = http.get(
        "job/testJob/6/logText/progressiveText",
        params={"start": response.headers["x-text-size"]},
    )
    assert at_end.content == b""


# -- stopping (§8.2) --------------------------------------------------------------------------


def test_stop_freestyle_and_term_is_404_there(http: httpx.Client) -> None:
    item_id = queue_id(http.post("job/flaky-integration/build", params={"delay": "0sec"}))
    number = wait_for(
        lambda: (http.get(f"queue/item/{item_id}/api/json").json().get("executable") or {}).get(
            "number"
        )
    )
    assert http.post(f"job/flaky-integration/{number}/term").status_code == 404
    stop = http.post(f"job/flaky-integration/{number}/stop")
    assert stop.status_code == 302
    build = http.get(f"job/flaky-integration/{number}/api/json").json()
    assert build["result"] == "ABORTED" and build["building"] is False


def test_stubborn_pipeline_needs_term_then_kill(http: httpx.Client) -> None:
    base = "job/stuck-pipeline/7/"
    assert http.post(base + "stop").status_code == 302
    assert http.get(base + "api/json").json()["building"] is True
    assert b"forcibly terminate" in http.get(base + "consoleText").content
    http.post(base + "term")
    assert http.get(base + "api/json").json()["building"] is True
    http.post(base + "kill")
    build = http.get(base + "api/json").json()
    assert build["building"] is False and build["result"] == "ABORTED"
    assert b"Hard kill!" in http.get(base + "consoleText").content


# -- tokens (§10) -----------------------------------------------------------------------------


def test_generate_and_revoke_token(demo: DemoJenkins, http: httpx.Client) -> None:
    path = "me/descriptorByName/jenkins.security.ApiTokenProperty/"
    assert http.get(path + "generateNewToken").status_code == 405
    created = http.post(path + "generateNewToken", data={"newTokenName": "ci"}).json()
    assert created["status"] == "ok"
    value = created["data"]["tokenValue"]
    assert re.fullmatch(r"11[0-9a-f]{32}", value)
    assert httpx.get(demo.url + "api/json", auth=(demo.user, value)).status_code == 200
    assert (
        http.post(path + "revoke", data={"tokenUuid": created["data"]["tokenUuid"]}).status_code
        == 200
    )
    assert httpx.get(demo.url + "api/json", auth=(demo.user, value)).status_code == 401
    assert http.post(path + "revoke", data={"tokenUuid": "no-such-uuid"}).status_code == 200
    assert http.post(path + "revoke", data={"tokenUuid": ""}).status_code == 400


def test_token_errors_are_http_200_with_status_error(http: httpx.Client) -> None:
    path = "user/admin/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken"
    answer = http.post(path, data={"newTokenName": "x", "expirationDuration": "-3"})
    assert answer.status_code == 200
    assert answer.json()["status"] == "error"


def test_tokens_are_not_listed_in_the_user_api(http: httpx.Client) -> None:
    raw = http.get("user/admin/api/json", params={"depth": "2"}).json()
    assert {"_class": "jenkins.security.ApiTokenProperty"} in raw["property"]


def test_admin_cannot_generate_for_another_user(http: httpx.Client) -> None:
    path = "user/viewer/descriptorByName/jenkins.security.ApiTokenProperty/generateNewToken"
    assert http.post(path).status_code == 403


# -- context path, faults ---------------------------------------------------------------------


def test_context_path() -> None:
    with DemoJenkins(time_scale=50, context_path="/jenkins") as demo:
        assert demo.url.endswith("/jenkins/")
        auth = (demo.user, demo.token)
        raw = httpx.get(demo.url + "api/json", params={"tree": "jobs[url]{0,1}"}, auth=auth).json()
        assert "/jenkins/job/" in raw["jobs"][0]["url"]
        root = demo.url.removesuffix("jenkins/")
        moved = httpx.get(root, auth=auth)
        assert moved.status_code == 302 and moved.headers["location"].endswith("/jenkins/")
        assert httpx.get(root + "api/json", auth=auth).status_code == 404


@pytest.mark.parametrize("mode", ["html", "redirect"])
def test_sso_fault(demo: DemoJenkins, http: httpx.Client, mode: str) -> None:
    demo.faults.update(sso=mode)
    response = http.get("api/json")
    assert "x-jenkins" not in response.headers
    assert response.status_code == (200 if mode == "html" else 302)


def test_status_fault_with_retry_after_over_http(demo: DemoJenkins, http: httpx.Client) -> None:
    set_fault = http.post(
        "/__demo/faults", json={"fail_status": 503, "fail_count": 1, "retry_after": 2}
    )
    assert set_fault.status_code == 200
    failed = http.get("api/json")
    assert failed.status_code == 503 and failed.headers["retry-after"] == "2"
    assert http.get("api/json").status_code == 200
    assert httpx.get(demo.url + "__demo/faults").status_code == 401


def test_reset_fault_cuts_the_connection(demo: DemoJenkins, http: httpx.Client) -> None:
    demo.faults.reset_next()
    with pytest.raises(httpx.TransportError):
        http.get("api/json")
    assert http.get("api/json").status_code == 200


def test_root_url_fault_changes_url_fields_and_location(
    demo: DemoJenkins, http: httpx.Client
) -> None:
    demo.faults.update(root_url="http://jenkins.internal:8080/")
    raw = http.get("api/json", params={"tree": "jobs[url]{0,1}"}).json()
    assert raw["jobs"][0]["url"] == "http://jenkins.internal:8080/job/testJob/"
    location = http.post("job/testJob/build").headers["location"]
    assert location.startswith("http://jenkins.internal:8080/queue/item/")
