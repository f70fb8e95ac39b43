"""Invented hostile content for the web tests: markup and script in every field, a
400-character actor name, Arabic script."""

PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
LONG_ACTOR = ("Coalition of the <b>Very</b> Long Name " * 12)[:400]
ARABIC = "هاجم مسلحون قافلة عسكرية قرب تدمر يوم الأربعاء وقتلوا تسعة جنود"  # invented
HOSTILE_TEXT = (
    f"Gunmen attacked a checkpoint near Kirkuk on Monday, killing four policemen {PAYLOAD}, "
    "officials said.\n"
    f"A local paper quoted a witness: {ARABIC}.\n"
    "The attackers fled towards the Hamrin mountains, police said.")
HOSTILE_DOC = "d-hostile0000000001"
HOSTILE_EVENT = "e-hostile0000000001"
HOSTILE_LEDGER = "l-hostile0000000001"
