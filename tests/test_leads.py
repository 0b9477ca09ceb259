"""Leads: one per conversation, personal data only with consent, export and erasure; SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from knowledge.cli import main as cli_main
from knowledge.leads import LeadData, LeadStore
from knowledge.loader import ensure_schema


@pytest.fixture
def store(session_factory) -> LeadStore:
    ensure_schema(session_factory.kw["bind"])
    return LeadStore(session_factory)


def lead(**overrides) -> LeadData:
    values = dict(
        conversation_id="conv-1",
        language="it",
        processes=["customer_service", "payroll"],
        processes_text="assistenza clienti e buste paga",
        channels=["phone"],
        languages=["italian", "german"],
        hours="24_7",
        volume="circa 3000 chiamate al mese",
        timeline="entro marzo",
        recommended_model="bpo_full",
        reasons=["front_office", "back_office"],
        consent=True,
        company="Rossi Srl",
        contact_name="Maria Rossi",
        email="maria.rossi@rossi.it",
    )
    values.update(overrides)
    return LeadData(**values)


def test_a_lead_is_stored_with_its_needs_and_recommendation(store):
    store.save(lead())
    stored = store.get("conv-1")
    assert stored["recommended_model"] == "bpo_full"
    assert stored["processes"] == ["customer_service", "payroll"]
    assert stored["languages"] == ["italian", "german"]
    assert stored["email"] == "maria.rossi@rossi.it" and stored["consent"] is True
    assert stored["created_at"] is not None


def test_a_correction_updates_the_same_lead(store):
    first = store.save(lead())
    second = store.save(lead(languages=["italian", "german", "french"], email="m.rossi@rossi.it"))
    assert first == second
    assert len(store.all()) == 1
    assert store.get("conv-1")["languages"] == ["italian", "german", "french"]
    assert store.get("conv-1")["email"] == "m.rossi@rossi.it"


def test_without_consent_no_personal_data_is_stored(store):
    store.save(lead(consent=False))
    stored = store.get("conv-1")
    assert (stored["company"], stored["contact_name"], stored["email"]) == (None, None, None)
    assert stored["processes"] == ["customer_service", "payroll"]


def test_withdrawn_consent_removes_personal_data(store):
    store.save(lead())
    store.save(lead(consent=False))
    assert store.get("conv-1")["email"] is None


def test_user_text_is_stored_exactly_as_given(store):
    hostile = "<script>alert(1)</script>'); DROP TABLE leads; --"
    store.save(lead(company=hostile, volume='=HYPERLINK("http://x")'))
    assert store.get("conv-1")["company"] == hostile
    exported = store.export_csv()
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["company"] == hostile
    assert row["volume"].startswith("'=")  # a spreadsheet will not run it


def test_export_json_and_csv_hold_every_lead(store):
    store.save(lead())
    store.save(lead(conversation_id="conv-2", consent=False))
    as_json = json.loads(store.export_json())
    assert [item["conversation_id"] for item in as_json] == ["conv-1", "conv-2"]
    rows = list(csv.DictReader(io.StringIO(store.export_csv())))
    assert len(rows) == 2 and rows[0]["processes"] == "customer_service;payroll"


def test_erase_by_conversation_id_or_email(store):
    store.save(lead())
    store.save(lead(conversation_id="conv-2", email="other@example.com"))
    assert store.erase(conversation_id="conv-1") == 1
    assert store.erase(email="OTHER@example.com ") == 1
    assert store.all() == []
    assert store.erase(conversation_id="nobody") == 0
    with pytest.raises(ValueError):
        store.erase()


def test_handoff_request_is_kept_when_the_lead_is_updated(store):
    store.save(lead(handoff_requested=True))
    store.save(lead())
    assert store.get("conv-1")["handoff_requested"] is True


def test_cli_lists_exports_and_erases(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'leads.db'}"
    assert cli_main(["--database-url", url, "leads", "list"]) == 0
    from knowledge.db import make_engine, make_session_factory

    store = LeadStore(make_session_factory(make_engine(url)))
    store.save(lead())
    capsys.readouterr()
    assert cli_main(["--database-url", url, "leads", "list"]) == 0
    assert "maria.rossi@rossi.it" in capsys.readouterr().out
    out = tmp_path / "leads.json"
    assert cli_main(["--database-url", url, "leads", "export", "--format", "json", "--output", str(out)]) == 0
    assert json.loads(out.read_text())[0]["company"] == "Rossi Srl"
    assert cli_main(["--database-url", url, "leads", "erase", "--conversation", "conv-1"]) == 0
    assert "erased 1 lead(s)" in capsys.readouterr().out
    assert cli_main(["--database-url", url, "leads", "erase", "--conversation", "conv-1"]) == 1
