// The declaration form in steps: product, passwords, disclosure, support period, provisions, signatory;
// then check your answers and submit. Answers are kept in the session between steps (no JavaScript needed),
// each step is checked by the registry's own parser, and submitting is the registry's submit use case:
// a new version, refused with a clear message if it would shorten the support period.
import type { FastifyInstance } from 'fastify';
import { isIotlabelError } from '../../errors.js';
import {
  declarationCatalogs,
  defaultDeclarationCatalog,
  getCatalog,
  getRegime,
  statementOfComplianceRegime,
} from '../../regimes/index.js';
import { GENERATION_CHOICES, SCHEME_CHOICES, choiceText } from '../declaration-form/choices.js';
import { derivedStatements, provisionGroups } from '../declaration-form/provision-groups.js';
import type { Declaration } from '../../assessment/index.js';
import type { SignedIn } from '../../registry/index.js';
import { NotFound } from '../../registry/errors.js';
import type { WebContext } from '../context.js';
import { answersToDocument, documentToAnswers, type Answers } from '../declaration-form/answers.js';
import {
  STEPS,
  STEP_FIELDS,
  formError,
  isStep,
  nextStep,
  type FormError,
  type StepId,
} from '../declaration-form/fields.js';
import { allErrors, stepErrors } from '../declaration-form/validate.js';
import { createRequiredFields, EVERY_DECLARATION } from '../declaration-form/required-fields.js';
import { listInWords } from '../format.js';
import { renderPage } from '../render.js';
import { requireRole, signedInOf } from '../session.js';
import { fieldErrors, ownProduct } from './manufacturer.js';

const page = { schema: { hide: true } } as const;

interface FormState {
  productId: string;
  answers: Answers;
}

function stateFor(me: SignedIn, productId: string): FormState | null {
  const s = me.formState as FormState | null;
  return s !== null && typeof s === 'object' && s.productId === productId && typeof s.answers === 'object' ? s : null;
}

const base = (productId: string) => `/manufacturer/products/${encodeURIComponent(productId)}/declare`;
const linked = (productId: string, errors: readonly FormError[]) =>
  errors.map((e) => ({ text: e.text, href: `${base(productId)}/${e.step}#${e.href}` }));
const onPage = (errors: readonly FormError[]) => errors.map((e) => ({ text: e.text, href: `#${e.href}` }));

export function declareRoutes(web: FastifyInstance, ctx: WebContext): void {
  const { services } = ctx;
  const guard = { ...page, preHandler: requireRole('manufacturer') };
  const requiredFields = createRequiredFields(services.engine);
  const regimeIds = new Set(services.engine.listRegimes().map((r) => r.id));

  /** The rules the declaration is meant to meet: chosen on the first step; the statement regime until then. */
  function chosenRegimes(answers: Answers): string[] {
    if (answers.regimes !== undefined) return answers.regimes.split(',').filter((id) => regimeIds.has(id));
    const statement = statementOfComplianceRegime();
    return statement === null ? [] : [statement.regime];
  }

  /** Per field: " (optional)" for the label, and a hint naming the chosen rules that need it. */
  function fieldMarks(
    answers: Answers,
    product: { brand: string; model: string; name: string; category: string; gtins: string[] },
  ) {
    const chosen = chosenRegimes(answers);
    const facts = { ...productFacts(product), category: answers.category || product.category };
    const titles = (ids: string[]) => ids.map((id) => getRegime(id).roles.shortName);
    return Object.fromEntries(
      Object.entries(requiredFields(chosen, ctx.today(), facts)).map(([field, by]) => [
        field,
        by.length === 0
          ? { optional: true, label: ' (optional)', hint: '' }
          : {
              optional: false,
              label: '',
              hint: by[0] === EVERY_DECLARATION ? 'Required.' : `Required by ${listInWords(titles(by))}.`,
            },
      ]),
    );
  }

  async function load(request: { signedIn: SignedIn | null }, productId: string) {
    const me = signedInOf(request as never);
    const product = await ownProduct(ctx, me.actor.organisationId, productId);
    const facts = {
      brand: product.brand,
      model: product.model,
      name: product.name,
      category: product.category,
      gtins: product.gtins,
    };
    return { me, product, facts };
  }

  function catalogOf(answers: Answers) {
    try {
      return answers.catalog ? getCatalog(answers.catalog) : defaultDeclarationCatalog();
    } catch {
      return defaultDeclarationCatalog();
    }
  }

  /** The provisions step: the chosen catalog's clauses, what earlier steps settled, and how far along it is. */
  function provisionsFor(answers: Answers, errors: readonly FormError[]) {
    const catalog = catalogOf(answers);
    const derived = derivedStatements(catalog, answers);
    const withError = new Set(errors.map((e) => e.field));
    const stepTitle = (id: string) => STEPS.find((s) => s.id === id)?.title ?? id;
    const groups = provisionGroups(catalog).map((g) => {
      const asked = g.provisions.filter((p) => !derived.has(p.id));
      const all = answers[`g_${g.key}`] === 'all';
      const answered = asked.filter((p) => all || (answers[`s_${p.id}`] ?? '') !== '').length;
      return {
        key: g.key,
        heading: [g.label, g.title].filter(Boolean).join(' '),
        all,
        answered,
        open: asked.some((p) => withError.has(`s_${p.id}`) || withError.has(`t_${p.id}`)),
        provisions: asked,
        settled: g.provisions
          .filter((p) => derived.has(p.id))
          .map((p) => ({ provision: p, ...derived.get(p.id)!, stepTitle: stepTitle(derived.get(p.id)!.from) })),
      };
    });
    const total = groups.reduce((n, g) => n + g.provisions.length, 0);
    const answered = groups.reduce((n, g) => n + g.answered, 0);
    return { catalog: { id: catalog.id, title: catalog.title }, groups, progress: { total, answered } };
  }

  /** The rules step's checkboxes: every regime, in the rulebooks' own order, the chosen ones ticked. */
  function regimeItems(answers: Answers) {
    const chosen = new Set(chosenRegimes(answers));
    return services.engine.listRegimes().map((r) => ({
      value: r.id,
      text: r.title,
      hint: { text: r.territory === null ? 'A standard' : `${r.territory} · ${r.nature}` },
      checked: chosen.has(r.id),
    }));
  }

  function renderStep(
    reply: Parameters<typeof renderPage>[1],
    step: StepId,
    context: Record<string, unknown>,
    answers: Answers,
    errors: FormError[],
    status = 200,
  ) {
    const index = STEPS.findIndex((s) => s.id === step);
    return renderPage(
      ctx.env,
      reply,
      `pages/portal/declare-${step}.njk`,
      {
        ...context,
        step: STEPS[index],
        stepNumber: index + 1,
        stepCount: STEPS.length,
        answers,
        errors: onPage(errors),
        fieldErrors: fieldErrors(errors),
        categories: services.engine.productCategories,
        ...(step === 'provisions' ? provisionsFor(answers, errors) : {}),
        marks: fieldMarks(answers, context.product as Parameters<typeof fieldMarks>[1]),
        regimeItems: regimeItems(answers),
        schemeItems: SCHEME_CHOICES.filter((c) => c.value !== 'none').map((c) => ({
          ...c,
          checked: c.value === answers.scheme,
        })),
        generationItems: GENERATION_CHOICES.map((c) => ({ ...c, checked: c.value === answers.generation })),
        catalogs: declarationCatalogs().map((c) => ({ id: c.id, title: c.title })),
      },
      status,
    );
  }

  // Starts (or restarts) the form: an amendment starts from the latest submitted declaration.
  web.get<{ Params: { id: string }; Querystring: { step?: string } }>(
    '/manufacturer/products/:id/declare',
    guard,
    async (request, reply) => {
      const { me, product } = await load(request, request.params.id);
      let answers: Answers = {
        productName: product.name,
        category: product.category,
        gtins: product.gtins.join('\n'),
        manufacturerName: me.organisationName,
        catalog: defaultDeclarationCatalog().id,
      };
      if (product.latestDeclaration) {
        const latest = await services.declarations.getDeclaration(me.actor, product.latestDeclaration.id);
        answers = documentToAnswers(latest.document as Declaration);
      }
      const today = ctx.today().split('-');
      Object.assign(answers, {
        'signDate-day': String(Number(today[2])),
        'signDate-month': String(Number(today[1])),
        'signDate-year': today[0],
      });
      await services.sessions.saveFormState(me.sessionKey, { productId: product.id, answers } satisfies FormState);
      // "What to fix" links start the amendment at the step that fixes the reason (the browser keeps the #field).
      const step = request.query.step;
      return reply.redirect(`${base(product.id)}/${step !== undefined && isStep(step) ? step : STEPS[0]!.id}`, 303);
    },
  );

  web.get<{ Params: { id: string; step: string } }>(
    '/manufacturer/products/:id/declare/:step',
    guard,
    async (request, reply) => {
      const { me, product } = await load(request, request.params.id);
      const state = stateFor(me, product.id);
      if (!state) return reply.redirect(base(product.id), 303);
      if (request.params.step === 'check')
        return renderCheck(
          reply,
          product,
          state.answers,
          allErrors(services.engine, state.answers, productFacts(product)),
        );
      if (!isStep(request.params.step)) throw new NotFound(`there is no step "${request.params.step}"`);
      return renderStep(reply, request.params.step, { product }, state.answers, []);
    },
  );

  web.post<{ Params: { id: string; step: string }; Body: Record<string, string | string[]> }>(
    '/manufacturer/products/:id/declare/:step',
    guard,
    async (request, reply) => {
      const { me, product, facts } = await load(request, request.params.id);
      const state = stateFor(me, product.id);
      if (!state) return reply.redirect(base(product.id), 303);
      const step = request.params.step;
      if (step === 'check') return submit(reply, me, product, state);
      if (!isStep(step)) throw new NotFound(`there is no step "${step}"`);
      const body = request.body ?? {};
      const text = (k: string) =>
        (Array.isArray(body[k]) ? String((body[k] as string[])[0]) : String(body[k] ?? '')).slice(0, 5000);
      const answers = { ...state.answers };
      if (step === 'provisions') {
        const defaultCatalog = defaultDeclarationCatalog().id;
        const catalogChanged = text('catalog') !== '' && text('catalog') !== (answers.catalog || defaultCatalog);
        for (const k of Object.keys(answers))
          if (k.startsWith('s_') || k.startsWith('t_') || k.startsWith('g_')) delete answers[k];
        answers.catalog = text('catalog') || defaultCatalog;
        if (!catalogChanged)
          for (const k of Object.keys(body))
            if ((k.startsWith('s_') || k.startsWith('t_') || k.startsWith('g_')) && k.length < 40) answers[k] = text(k);
        await services.sessions.saveFormState(me.sessionKey, { productId: product.id, answers });
        // A different standard has different provisions: show them before moving on.
        if (catalogChanged) return reply.redirect(`${base(product.id)}/provisions`, 303);
      } else if (step === 'rules') {
        const ticked = ([] as unknown[]).concat(body.regimes ?? []).map(String);
        answers.regimes = ticked.filter((id) => regimeIds.has(id)).join(',');
        await services.sessions.saveFormState(me.sessionKey, { productId: product.id, answers });
      } else {
        for (const k of STEP_FIELDS[step]) answers[k] = text(k);
        await services.sessions.saveFormState(me.sessionKey, { productId: product.id, answers });
      }
      const errors = stepErrors(services.engine, step, answers, facts);
      if (errors.length > 0) return renderStep(reply, step, { product }, answers, errors, 400);
      const after = 'return' in (request.query as object) ? null : nextStep(step);
      return reply.redirect(`${base(product.id)}/${after ?? 'check'}`, 303);
    },
  );

  function productFacts(product: { brand: string; model: string; name: string; category: string; gtins: string[] }) {
    return {
      brand: product.brand,
      model: product.model,
      name: product.name,
      category: product.category,
      gtins: product.gtins,
    };
  }

  function renderCheck(
    reply: Parameters<typeof renderPage>[1],
    product: { id: string; brand: string; model: string; name: string; category: string; gtins: string[] },
    answers: Answers,
    errors: FormError[],
    status = 200,
  ) {
    const doc = answersToDocument(answers, productFacts(product));
    const statements = Object.entries(
      (
        doc.provisions as
          { statements?: Record<string, { status: string; detail?: string; justification?: string }> } | undefined
      )?.statements ?? {},
    );
    return renderPage(
      ctx.env,
      reply,
      'pages/portal/check-answers.njk',
      {
        product,
        doc,
        statements,
        answers,
        steps: STEPS,
        errors: linked(product.id, errors),
        words: answersInWords(doc, statements, chosenRegimes(answers)),
      },
      status,
    );
  }

  /** The coded answers as the form offered them, and the provisions counted by answer. */
  function answersInWords(doc: Record<string, unknown>, statements: [string, { status: string }][], chosen: string[]) {
    const pw = (doc.passwords ?? {}) as { scheme?: string; generation?: string };
    const catalogId = (doc.provisions as { catalog?: string } | undefined)?.catalog;
    const count = (status: string) => statements.filter(([, st]) => st.status === status).length;
    return {
      rules: listInWords(chosen.map((id) => getRegime(id).roles.shortName)) || 'None chosen',
      scheme: choiceText(SCHEME_CHOICES, pw.scheme),
      generation: choiceText(GENERATION_CHOICES, pw.generation),
      catalog: catalogId ? (declarationCatalogs().find((c) => c.id === catalogId)?.title ?? catalogId) : undefined,
      provisions: [
        [count('implemented'), 'implemented'],
        [count('not-implemented'), 'not implemented'],
        [count('not-applicable'), 'do not apply'],
      ]
        .filter(([n]) => n !== 0)
        .map(([n, what]) => `${n} ${what}`)
        .join(', '),
    };
  }

  async function submit(
    reply: Parameters<typeof renderPage>[1],
    me: SignedIn,
    product: Awaited<ReturnType<typeof ownProduct>>,
    state: FormState,
  ) {
    const errors = allErrors(services.engine, state.answers, productFacts(product));
    if (errors.length > 0) return renderCheck(reply, product, state.answers, errors, 400);
    try {
      const declaration = await services.declarations.submitDeclaration(
        me.actor,
        product.id,
        answersToDocument(state.answers, productFacts(product)),
      );
      await services.sessions.saveFormState(me.sessionKey, null);
      return reply.redirect(`/manufacturer/declarations/${declaration.id}?submitted=1`, 303);
    } catch (error) {
      if (
        !isIotlabelError(error) ||
        !['DECLARATION_INVALID', 'SUPPORT_PERIOD_SHORTENED', 'GTIN_TAKEN', 'INPUT_INVALID', 'GTIN_INVALID'].includes(
          error.code,
        )
      )
        throw error;
      const problems =
        error.problems.length > 0
          ? error.problems.map((p) => ({ path: p.path ?? '', message: p.message }))
          : [{ path: '', message: error.message }];
      const mapped = problems.map((p) => {
        if (error.code === 'SUPPORT_PERIOD_SHORTENED')
          return {
            ...formError(p.path, p.message),
            text: `The security update period can be extended but never shortened: ${error.message.split(': ').slice(1).join(': ')}`,
          };
        return formError(p.path, p.message);
      });
      return renderCheck(reply, product, state.answers, mapped, error.status);
    }
  }
}
