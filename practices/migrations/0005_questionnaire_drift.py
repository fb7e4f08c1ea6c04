"""Codes that drifted from the printed questionnaire (issue 12).

* Q10 printed "Anders, namelijk" where the registry had "Deels onderzocht" (``partly``): those
  answers become ``other``, with the old answer kept in the evaluation note.
* Q13 (asked at stage b) has its own options: ``partners_structural`` moves from Q9's
  ``cooperation_mode`` to ``consultation_mode``.
Page revisions keep their old codes (history is not rewritten).
"""

from django.db import migrations

PARTLY_NOTE = "Deels onderzocht (bijvoorbeeld alleen interventies of onderdelen)."


def forwards(apps, schema_editor):
    ApproachPage = apps.get_model("practices", "ApproachPage")
    for page in ApproachPage.objects.filter(evaluation_status="partly"):
        page.evaluation_status = "other"
        if PARTLY_NOTE not in page.evaluation_note:
            page.evaluation_note = f"{PARTLY_NOTE}\n\n{page.evaluation_note}".strip()
        page.save(update_fields=["evaluation_status", "evaluation_note"])
    ApproachPage.objects.filter(cooperation_mode="partners_structural").update(
        cooperation_mode="", consultation_mode="partners_structural"
    )


def backwards(apps, schema_editor):
    ApproachPage = apps.get_model("practices", "ApproachPage")
    ApproachPage.objects.filter(consultation_mode="partners_structural", cooperation_mode="").update(
        cooperation_mode="partners_structural", consultation_mode=""
    )
    ApproachPage.objects.filter(evaluation_status="other", evaluation_note__startswith=PARTLY_NOTE).update(
        evaluation_status="partly"
    )


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_questionnaire_answers")]
    operations = [migrations.RunPython(forwards, backwards)]
