import{a as h,h as p,u,j as $,t as r,b as a,c as g,g as y,e as x,A as o,m as d,f as c,s as v,d as T,i as b}from"./index-DdLuavwV.js";import{r as k,a as w}from"./records-BJu_LZHJ.js";import{s as f,a as C}from"./setlog-Dt60nFvj.js";const t=b({exTitleLead:"Exercise history",back:"All history",recordsTitle:"Records",sessionsTitle:"Last sessions",none:"Not logged yet. Its sessions and records show here once you log it.",dateCol:"Date",setsCol:"Sets",e1rmCol:"Est. 1RM",volumeCol:"Volume",nextTime:"Next time",painNote:"Pain",weekDay:"week {w}, day {d}"},{exTitleLead:"История упражнения",back:"Вся история",recordsTitle:"Рекорды",sessionsTitle:"Последние тренировки",none:"Пока не записано. Тренировки и рекорды появятся, когда вы его запишете.",dateCol:"Дата",setsCol:"Подходы",e1rmCol:"Расч. максимум",volumeCol:"Объём",nextTime:"В следующий раз",painNote:"Боль",weekDay:"неделя {w}, день {d}"});class V{constructor(e){this.slug=e,this.load()}slug;h=null;error=null;async load(){this.error=null;try{this.h=await h.exerciseHistory(this.slug)}catch(e){if(p(e))return;this.error=e}u()}render(){if(this.error)return this.error instanceof $&&this.error.status===404?a`<div class="card empty" data-testid="not-found"><h1>${r("notFound")}</h1><p class="muted">${r("notFoundLead")}</p><a class="btn btn-primary" href="/history" data-nav>${t("back")}</a></div>`:g(this.error,()=>{this.load()});const e=this.h;if(!e)return y();const m=x(this.slug,e.name),n=e.entries??[],i=e.suggestion,l=i?f(i):"";return a`
      <a class="back" href="/history" data-nav>‹ ${t("back")}</a>
      <div class="eyebrow">${t("exTitleLead")}</div>
      <h1 data-testid="exercise-title">${m}</h1>
      ${e.lastTime?.summary||l?a`<div class="card hints-card">
            ${e.lastTime?.summary?a`<p class="hint"><span class="hint-k">${r("lastTime")}</span> ${e.lastTime.summary}</p>`:o}
            ${l?a`<p class="hint" data-testid="exercise-suggestion"><span class="hint-k">${t("nextTime")}:</span> <strong>${l}</strong> ${i.reason?a`<span class="muted small">${i.reason}</span>`:o}</p>`:o}
          </div>`:o}
      ${n.length===0?a`<div class="card empty" data-testid="exercise-empty"><p>${t("none")}</p></div>`:o}
      ${(e.records??[]).length?a`<section class="card records" aria-labelledby="ex-records" data-testid="exercise-records">
            <h2 id="ex-records">${t("recordsTitle")}</h2>
            <ul class="record-list">
              ${e.records.map(s=>a`<li><span class="muted small">${k(s.kind)}</span> <strong>${w(s.kind,s.value)}</strong> <span class="muted small">${s.completeTime?d(s.completeTime):t("weekDay",{w:s.week,d:s.day})}</span></li>`)}
            </ul>
          </section>`:o}
      ${n.length?a`<section class="card" aria-labelledby="ex-sessions">
            <h2 id="ex-sessions">${t("sessionsTitle")}</h2>
            <div class="table-wrap">
              <table class="entries" data-testid="exercise-entries">
                <thead><tr><th scope="col">${t("dateCol")}</th><th scope="col">${t("setsCol")}</th><th scope="col">${t("e1rmCol")}</th><th scope="col">${t("volumeCol")}</th></tr></thead>
                <tbody>
                  ${n.map(s=>a`<tr>
                      <th scope="row">
                        <a href="/plans/${encodeURIComponent(s.planId)}/weeks/${s.week}/days/${s.day}" data-nav>${s.completeTime?d(s.completeTime):t("weekDay",{w:s.week,d:s.day})}</a>
                      </th>
                      <td>
                        ${(s.sets??[]).map(C).join(", ")||"—"}
                        ${s.pain?a`<div><span class="badge badge-warn">${t("painNote")}</span> ${s.painNote}</div>`:o}
                      </td>
                      <td>${s.e1rmKg>0?r("kgValue",{n:c(s.e1rmKg)}):"—"}</td>
                      <td>${s.volumeKg>0?r("kgValue",{n:c(s.volumeKg)}):s.seconds>0?v(s.seconds):s.distanceMeters>0?T(s.distanceMeters):"—"}</td>
                    </tr>`)}
                </tbody>
              </table>
            </div>
          </section>`:o}
    `}}export{V as ExerciseView};
