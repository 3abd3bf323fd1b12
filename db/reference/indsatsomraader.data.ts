/**
 * Landsbyggefonden's indsatsområder for boligsociale indsatser in the frame of
 * the 2019–26-midler (almenboligloven § 91 a; LBF's regulativ om tilskud til
 * boligsocial indsats i udsatte almene boligafdelinger (2019-26-midlerne), in
 * force 2020-01-01). Sources:
 * - https://www.lbf.dk/boligsociale-indsatser/ ("Fire indsatsområder":
 *   Uddannelse og livschancer, Beskæftigelse, Kriminalitetsforebyggelse,
 *   Sammenhængskraft og medborgerskab; "lokalt forankrede 4-årige indsatser")
 * - https://www.lbf.dk/boligsociale-indsatser/organisation-og-oekonomiske-rammer/
 *   (lokale bestyrelser of the top administrative leaders of kommune and
 *   boligorganisationer; følgegrupper)
 * - https://www.lbf.dk/regler-og-satser/regulativer-og-vejledninger/regulativ-om-tilskud-til-boligsocial-indsats-i-udsatte-almene-boligafdelinger-2019-26-midlerne/
 *
 * Seeded by migration 0022 with ids derived from (frame, code) and one fixed
 * stamp, so every installation holds the same rows. The rows are user data
 * after that: a frame that follows 2026 is added in Indstillinger, not in code.
 */
export const indsatsomraader2019 = {
  frame: '2019–2026',
  validFrom: '2019-01-01',
  validTo: '2026-12-31',
  areas: [
    { code: 'uddannelse', name: 'Uddannelse og livschancer' },
    { code: 'beskaeftigelse', name: 'Beskæftigelse' },
    { code: 'kriminalitet', name: 'Kriminalitetsforebyggelse' },
    { code: 'sammenhaeng', name: 'Sammenhængskraft og medborgerskab' },
  ],
} as const;
